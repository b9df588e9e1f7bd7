import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ChatServer, TRANSPORTS, open, opened, until, uniqueRoom } from './support/chat.js';

let server;
before(async () => { server = await ChatServer.start(); });
after(async () => { await server?.stop(); });

for (const transport of TRANSPORTS) {
  test(`over ${transport}: send resolves with the stored message, and the room's messages arrive in order`, async () => {
    const room = uniqueRoom(transport);
    const client = open(server.url, { room, name: 'nia', transport });
    try {
      const state = await opened(client);
      assert.equal(state.transport, transport);
      assert.equal(state.welcome.room, room);
      assert.equal(state.welcome.name, 'nia');

      await server.post(room, 'bob', 'before mine');
      await until(() => client.seen.length === 1, 'bob\'s message');
      const sending = client.send('hello from nia');
      const stored = await sending;
      assert.equal(stored.type, 'message');
      assert.equal(stored.from, 'nia');
      assert.equal(stored.text, 'hello from nia');
      assert.equal(stored.ref, sending.ref);
      assert.equal(stored.seq, 2);
      await server.post(room, 'bob', 'after mine');

      await until(() => client.seen.length === 3, 'three messages');
      assert.deepEqual(client.seen.map((m) => [m.seq, m.from, m.text, m.mine]), [
        [1, 'bob', 'before mine', false],
        [2, 'nia', 'hello from nia', true],
        [3, 'bob', 'after mine', false],
      ]);
    } finally {
      client.close();
    }
  });
}

test('a refused send rejects with the server\'s code, and the client keeps chatting', async () => {
  for (const transport of ['websocket', 'sse']) {
    const client = open(server.url, { room: uniqueRoom('refused'), name: 'long', transport });
    try {
      await opened(client);
      await assert.rejects(client.send('y'.repeat(2001)), { name: 'ChatError', code: 'too_long' });
      assert.equal((await client.send('short')).text, 'short');
    } finally {
      client.close();
    }
  }
});

test('the service serves the client module, byte for byte the files in clients/js/src', async () => {
  for (const file of ['chat.js', 'outbox.js', 'transports/index.js', 'transports/websocket.js']) {
    const response = await fetch(`${server.url}/client/${file}`);
    assert.equal(response.status, 200, file);
    assert.match(response.headers.get('content-type'), /javascript/);
    assert.equal(await response.text(), await readFile(new URL(`../src/${file}`, import.meta.url), 'utf8'), file);
  }
});
