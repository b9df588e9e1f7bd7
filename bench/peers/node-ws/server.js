// The lecture's WebSocket chat (chapter 12): greet each connection, relay every text to everyone.
const http = require('http');
const WebSocket = require('ws');

const server = http.createServer((req, res) => res.end('chat'));
const wss = new WebSocket.Server({ server });

wss.on('connection', (ws) => {
  ws.send('Welcome');
  ws.on('message', (message) => {
    wss.clients.forEach((client) => {
      if (client.readyState === WebSocket.OPEN) {
        client.send(message.toString());
      }
    });
  });
  ws.on('error', console.error);
});

server.listen(Number(process.env.PORT || 3000));
