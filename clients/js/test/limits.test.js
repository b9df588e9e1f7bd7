import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, open, opened, uniqueRoom } from './support/chat.js';

// A burst of two and a refill far slower than the test, so the third send is over the limit for good:
// per connection on a WebSocket, and for the client's address on HTTP posts.
let server;
before(async () => {
  server = await ChatServer.start({
    'chat.rate-limit.burst': 2, 'chat.rate-limit.per-second': 0.001,
    'chat.rate-limit.address-burst': 2, 'chat.rate-limit.address-per-second': 0.001,
  });
});
after(async () => { await server?.stop(); });

test('over websocket: a send over the rate limit is tried again with backoff, then rejects with rate_limited', async () => {
  const client = open(server.url, { room: uniqueRoom('limits'), name: 'fast', transport: 'websocket', sendRetries: 2 });
  const attempts = [];
  client.on('wire', (direction, text) => { if (direction === '↑' && /hold on/.test(text)) attempts.push(text); });
  try {
    await opened(client);
    await client.send('one');
    await client.send('two');
    const started = Date.now();
    await assert.rejects(client.send('hold on'), { name: 'ChatError', code: 'rate_limited' });
    assert.equal(attempts.length, 3, 'sent once and tried again twice');
    assert.ok(Date.now() - started >= 500, 'the retries waited');
    assert.equal(client.state.state, 'open', 'still connected');
  } finally {
    client.close();
  }
});

test('over sse: a POST over the rate limit whose Retry-After is longer than a send should hang rejects at once', async () => {
  const client = open(server.url, { room: uniqueRoom('limits'), name: 'quick', transport: 'sse' });
  const answers = [];
  client.on('wire', (direction, text) => { if (direction === '↓' && /^429/.test(text)) answers.push(text); });
  try {
    await opened(client);
    await client.send('one');
    await client.send('two');
    await assert.rejects(client.send('hold on'), { name: 'ChatError', code: 'rate_limited' });
    assert.equal(answers.length, 1, 'not tried again');
    assert.equal(client.state.state, 'open');
  } finally {
    client.close();
  }
});
