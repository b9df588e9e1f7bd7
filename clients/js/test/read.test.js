import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, TRANSPORTS, open, opened, until, uniqueRoom, sleep } from './support/chat.js';
import { IdentityProvider } from '../../../e2e/support/identity.js';

// Read marks are token mode's: a provider of the test's own, and rooms named read-* open to every token.
let provider;
let server;
before(async () => {
  provider = await IdentityProvider.start();
  provider.lifetimeSeconds = 300;
  server = await ChatServer.start({ ...provider.serviceConfig(), 'chat.auth.public-rooms': 'lobby,read-*' });
});
after(async () => {
  await server?.stop();
  await provider?.close();
});

const as = (sub, room, transport) => open(server.url, { room, transport, token: () => provider.token({ sub, name: sub }) });

for (const transport of TRANSPORTS) {
  test(`over ${transport}: read(seq) reaches the user's other device, nobody else, and comes back in welcome`, async () => {
    const room = uniqueRoom(`read-${transport}`);
    const user = `reader-${transport}`;
    const writer = as('writer', room, 'websocket');
    const device = as(user, room, transport);
    const otherDevice = as(user, room, 'websocket');
    const heard = [];
    const othersHeard = [];
    otherDevice.on('read', (mark) => heard.push(mark));
    writer.on('read', (mark) => othersHeard.push(mark));
    try {
      await Promise.all([opened(writer), opened(device), opened(otherDevice)]);
      for (const text of ['one', 'two', 'three']) await writer.send(text);
      await until(() => device.seen.length === 3, 'the three messages on the device');

      await device.read(device.seen[1].seq);
      await until(() => heard.length === 1, 'the mark on the other device');
      assert.deepEqual(heard[0], { type: 'read', room, seq: device.seen[1].seq });
      assert.equal(otherDevice.readMark, device.seen[1].seq);
      await device.read(device.seen[0].seq);
      await writer.send('a sentinel after the marks');
      await until(() => otherDevice.seen.length === 4, 'the sentinel');
      await sleep(300);
      assert.equal(heard.length, 1, 'a mark never moves back, so the lower one went nowhere');
      assert.deepEqual(othersHeard, [], 'nobody else hears anyone\'s mark');
    } finally {
      device.close();
    }
    const back = as(user, room, transport);
    try {
      const { welcome } = await opened(back);
      assert.equal(welcome.read, heard[0].seq, 'welcome (the room info, for pollers) carries the mark');
      assert.equal(back.readMark, heard[0].seq);
    } finally {
      back.close();
      otherDevice.close();
      writer.close();
    }
  });
}

for (const transport of ['websocket', 'sse']) {
  test(`over ${transport}: the device hears a mark another device set`, async () => {
    const room = uniqueRoom(`read-hear-${transport}`);
    const user = `listener-${transport}`;
    const listener = as(user, room, transport);
    const setter = as(user, room, 'long-polling');
    const heard = [];
    listener.on('read', (mark) => heard.push(mark));
    try {
      await Promise.all([opened(listener), opened(setter)]);
      const stored = await listener.send('read me');
      await until(() => setter.seen.length === 1, 'the message on the setter');
      await setter.read(stored.seq);
      await until(() => heard.length === 1, 'the mark');
      assert.equal(heard[0].seq, stored.seq);
      assert.equal(listener.readMark, stored.seq);
    } finally {
      listener.close();
      setter.close();
    }
  });
}

test('a mark past the last message is refused with bad_request', async () => {
  const room = uniqueRoom('read-past');
  const client = as('past', room, 'long-polling');
  try {
    await opened(client);
    await client.send('only one');
    await until(() => client.seen.length === 1, 'the message');
    await assert.rejects(client.read(client.seen[0].seq + 5), (error) => error.code === 'bad_request');
  } finally {
    client.close();
  }
});
