import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, TRANSPORTS, open, opened, until, uniqueRoom } from './support/chat.js';

let server;
before(async () => { server = await ChatServer.start(); });
after(async () => { await server?.stop(); });

for (const transport of TRANSPORTS) {
  test(`over ${transport}: typing reaches the others, once per interval`, async () => {
    const room = uniqueRoom(`typing-${transport}`);
    const typist = open(server.url, { room, name: 'tia', transport });
    const watcher = open(server.url, { room, name: 'wes', transport: 'websocket' });
    const heard = [];
    watcher.on('typing', (event) => heard.push(event));
    try {
      await Promise.all([opened(typist), opened(watcher)]);
      typist.typing();
      typist.typing();
      await until(() => heard.length === 1, 'the typing notice');
      assert.deepEqual(heard[0], { type: 'typing', room, name: 'tia' });
      await server.post(room, 'bob', 'a sentinel after the typing');
      await until(() => watcher.seen.length === 1, 'the sentinel');
      assert.equal(heard.length, 1, 'the second call within the interval went nowhere');
    } finally {
      typist.close();
      watcher.close();
    }
  });
}

for (const transport of ['websocket', 'sse']) {
  test(`over ${transport}: a listener hears typing, but not its own`, async () => {
    const room = uniqueRoom(`hear-typing-${transport}`);
    const listener = open(server.url, { room, name: 'lia', transport });
    const heard = [];
    listener.on('typing', (event) => heard.push(event.name));
    try {
      await opened(listener);
      listener.typing();
      const typist = open(server.url, { room, name: 'tom', transport: 'websocket' });
      try {
        await opened(typist);
        typist.typing();
        await until(() => heard.length >= 1, 'tom typing');
        assert.deepEqual(heard, ['tom']);
      } finally {
        typist.close();
      }
    } finally {
      listener.close();
    }
  });
}
