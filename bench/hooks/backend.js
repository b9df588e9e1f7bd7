// The application's side of the hooks, as small as an application would write it: the publish hook
// accepts every message with 204 after checking its signature, and the events endpoint takes every batch.
// Prints its port, then counts on exit (SIGTERM): hook calls, events, signature failures.
import http from 'node:http';
import crypto from 'node:crypto';

const secret = process.argv[2];
let hookCalls = 0, events = 0, badSignatures = 0;

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    const t = request.headers['x-chat-timestamp'];
    const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    const given = request.headers['x-chat-signature'] ?? '';
    if (given.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) badSignatures += 1;
    if (request.url === '/events') events += JSON.parse(body).length;
    else hookCalls += 1;
    response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => {
  console.error(JSON.stringify({ hookCalls, events, badSignatures }));
  process.exit(0);
});
