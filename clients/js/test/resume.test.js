import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, TRANSPORTS, open, opened, until, uniqueRoom, sleep } from './support/chat.js';
import { CuttableProxy } from './support/proxy.js';

let server;
before(async () => { server = await ChatServer.start(); });
after(async () => { await server?.stop(); });

const texts = (client) => client.seen.map((m) => `${m.seq} ${m.from}: ${m.text}`);

for (const transport of TRANSPORTS) {
  test(`over ${transport}: the network drops, others talk, a send waits; back, nothing is lost or doubled`, async () => {
    const proxy = await CuttableProxy.start(server.url);
    const room = uniqueRoom(`resume-${transport}`);
    const client = open(proxy.url, { room, name: 'rae', transport });
    try {
      await opened(client);
      await server.post(room, 'bob', 'one');
      await until(() => client.seen.length === 1, 'the first message');

      proxy.sever();
      await until(() => client.state.state === 'reconnecting', 'the client to notice');
      await server.post(room, 'bob', 'two, while rae is away');
      const waiting = client.send('typed while away');
      await server.post(room, 'bob', 'three, while rae is away');
      await sleep(500);
      proxy.heal();

      const stored = await waiting;
      assert.equal(stored.text, 'typed while away');
      assert.equal(stored.seq, 4, 'sent after the replay of what was missed');
      await server.post(room, 'bob', 'five');
      await until(() => client.seen.length >= 5, 'all five');
      await sleep(300);
      assert.deepEqual(texts(client), [
        '1 bob: one', '2 bob: two, while rae is away', '3 bob: three, while rae is away',
        '4 rae: typed while away', '5 bob: five',
      ]);
      assert.deepEqual(client.gaps, []);
      assert.equal(client.state.transport, transport);
    } finally {
      client.close();
      await proxy.close();
    }
  });
}

test('auto falls back to SSE where WebSocket is blocked, and resumes there from where the WebSocket left off', async () => {
  const proxy = await CuttableProxy.start(server.url);
  const room = uniqueRoom('fallback');
  const client = open(proxy.url, { room, name: 'ava', transport: 'auto' });
  try {
    assert.equal((await opened(client)).transport, 'websocket');
    await client.send('over the socket');
    await server.post(room, 'bob', 'seen on the socket');
    await until(() => client.seen.length === 2, 'two messages');

    proxy.blockWebSockets = true;
    proxy.sever();
    await until(() => client.state.state === 'reconnecting', 'the client to notice');
    await server.post(room, 'bob', 'said while the socket was blocked');
    proxy.heal();

    await until(() => client.state.state === 'open', 'the fallback to open', 30_000);
    assert.equal(client.state.transport, 'sse');
    assert.equal((await client.send('over SSE now')).seq, 4);
    await until(() => client.seen.length === 4, 'four messages');
    assert.deepEqual(texts(client), [
      '1 ava: over the socket', '2 bob: seen on the socket', '3 bob: said while the socket was blocked', '4 ava: over SSE now',
    ]);
    assert.deepEqual(client.seen.map((m) => m.mine), [true, false, false, true]);
  } finally {
    client.close();
    await proxy.close();
  }
});
