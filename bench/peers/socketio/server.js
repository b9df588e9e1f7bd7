// Socket.IO 4 relay: every 'message' event to every connected socket, WebSocket transport only.
const http = require('http');
const { Server } = require('socket.io');

const server = http.createServer();
const io = new Server(server, { transports: ['websocket'], serveClient: false });

io.on('connection', (socket) => {
  socket.on('message', (text) => io.emit('message', text));
});

server.listen(Number(process.env.PORT || 3001));
