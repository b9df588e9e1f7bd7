import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, TRANSPORTS, open, opened, sleep, until, uniqueRoom } from './support/chat.js';

let server;
before(async () => { server = await ChatServer.start(); });
after(async () => { await server?.stop(); });

for (const transport of TRANSPORTS) {
  test(`over ${transport}: a toggle reaches every member, and comes off again`, async () => {
    const room = uniqueRoom(`react-${transport}`);
    await server.post(room, 'bob', 'react to me');
    const reactor = open(server.url, { room, name: 'rita', transport });
    const watcher = open(server.url, { room, name: 'wes', transport: 'websocket' });
    const toWatcher = [];
    const toReactor = [];
    watcher.on('reactions', (event) => toWatcher.push(event));
    reactor.on('reactions', (event) => toReactor.push(event));
    try {
      await Promise.all([opened(reactor), opened(watcher)]);
      await until(() => reactor.seen.length === 1, 'the message');
      const seq = reactor.seen[0].seq;

      await reactor.react(seq, '👍🏽');
      await until(() => toWatcher.length === 1, 'the counts at the watcher');
      assert.deepEqual(toWatcher[0], { type: 'reactions', room, seq, reactions: { '👍🏽': 1 } });
      await until(() => toReactor.length === 1, 'the counts at the reactor');
      assert.deepEqual(toReactor[0].reactions, { '👍🏽': 1 });

      await reactor.react(seq, '👍🏽');
      await until(() => toWatcher.length === 2, 'the toggle off');
      assert.deepEqual(toWatcher[1].reactions, {});
      await until(() => toReactor.length === 2, 'the toggle off at the reactor');
      assert.deepEqual(toReactor[1].reactions, {});
    } finally {
      reactor.close();
      watcher.close();
    }
  });

  test(`over ${transport}: another's reaction is heard, and a refusal is a clear error`, async () => {
    const room = uniqueRoom(`hear-react-${transport}`);
    const stored = await server.post(room, 'bob', 'hello');
    const listener = open(server.url, { room, name: 'lia', transport });
    const other = open(server.url, { room, name: 'oscar', transport: 'websocket' });
    const heard = [];
    const errors = [];
    listener.on('reactions', (event) => heard.push(event));
    listener.on('error', (error) => errors.push(error));
    try {
      await Promise.all([opened(listener), opened(other)]);
      await until(() => listener.seen.length === 1, 'the message');
      const seq = listener.seen[0].seq;
      // A waiting long poll is woken by the change; one that changed between two polls comes with the
      // next answer, as deletions do. Let the long poll be waiting first.
      if (transport === 'long-polling') await sleep(1000);
      await other.react(seq, '🇰🇷');
      await until(() => heard.length === 1, 'oscar\'s reaction');
      assert.deepEqual(heard[0].reactions, { '🇰🇷': 1 });

      const refused = await listener.react(seq + 100, '👍').then(() => until(() => errors[0], 'the error frame'), (error) => error);
      assert.equal(refused.code, 'not_found');
      assert.ok(stored);
    } finally {
      listener.close();
      other.close();
    }
  });
}

test('a client that comes back learns the counts of what it already held', async () => {
  const room = uniqueRoom('react-resume');
  await server.post(room, 'bob', 'one');
  const reader = open(server.url, { room, name: 'rae', transport: 'websocket' });
  const heard = [];
  reader.on('reactions', (event) => heard.push(event));
  try {
    await opened(reader);
    await until(() => reader.seen.length === 1, 'the message');
    const seq = reader.seen[0].seq;
    reader.close();
    const other = open(server.url, { room, name: 'oscar', transport: 'websocket' });
    const toOther = [];
    other.on('reactions', (event) => toOther.push(event));
    try {
      await opened(other);
      await other.react(seq, '🎉');
      await until(() => toOther.length === 1, 'the reaction stored');
    } finally {
      other.close();
    }
    assert.equal(heard.length, 0, 'the reader was away');
    reader.start();
    await until(() => heard.length === 1, 'the counts after the resume');
    assert.deepEqual(heard[0], { type: 'reactions', room, seq, reactions: { '🎉': 1 } });
    assert.equal(reader.seen.length, 1, 'the message itself is not replayed');
  } finally {
    reader.close();
  }
});
