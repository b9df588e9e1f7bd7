import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { ChatServer, TRANSPORTS, open, opened, uniqueRoom } from './support/chat.js';

// The application's publish hook, as a real HTTP server: it refuses anything that starts with "spam".
let hook;
let server;
before(async () => {
  hook = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const { text } = JSON.parse(body);
      if (text.startsWith('spam')) {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ reject: 'no spam here' }));
      } else {
        response.writeHead(204).end();
      }
    });
  });
  await new Promise((resolve) => hook.listen(0, '127.0.0.1', resolve));
  server = await ChatServer.start({ 'chat.hooks.publish-url': `http://127.0.0.1:${hook.address().port}/publish` });
});
after(async () => {
  await server?.stop();
  hook?.close();
});

for (const transport of TRANSPORTS) {
  test(`over ${transport}: a message the publish hook refuses rejects send() with rejected and the reason`, async () => {
    const client = open(server.url, { room: uniqueRoom('hooks'), name: 'sam', transport });
    try {
      await opened(client);
      await assert.rejects(client.send('spam, buy now'), { name: 'ChatError', code: 'rejected', reason: 'no spam here' });
      const stored = await client.send('a real message');
      assert.equal(stored.seq, 1, 'the refused message took no seq');
    } finally {
      client.close();
    }
  });
}
