import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, TRANSPORTS, open, opened, until, uniqueRoom } from './support/chat.js';

let server;
before(async () => { server = await ChatServer.start(); });
after(async () => { await server?.stop(); });

for (const transport of TRANSPORTS) {
  test(`over ${transport}: an edit of a message held reaches the client once, as an edit event`, async () => {
    const room = uniqueRoom(`edit-${transport}`);
    const author = open(server.url, { room, name: 'ada', transport: 'websocket' });
    const reader = open(server.url, { room, name: 'rex', transport, pollIntervalMs: 200 });
    const heard = [];
    reader.on('edit', (edit) => heard.push(edit));
    try {
      await Promise.all([opened(author), opened(reader)]);
      const sent = await author.send('helo');
      await until(() => reader.seen.some((message) => message.seq === sent.seq), 'the message');
      const edit = await author.edit(sent.seq, 'hello');
      assert.equal(edit.type, 'edit');
      assert.equal(edit.text, 'hello');
      // A long poll waiting when the edit lands is woken by it; one that starts just after is told with its
      // next answer, which the next message brings: the sentinel makes sure there is one.
      await author.send('a sentinel after the edit');
      await until(() => reader.seen.some((message) => message.text === 'a sentinel after the edit'), 'the sentinel');
      await until(() => heard.length === 1, 'the edit');
      assert.deepEqual(heard[0], { type: 'edit', room, seq: sent.seq, text: 'hello', edited: edit.edited });
      await author.send('one more');
      await until(() => reader.seen.some((message) => message.text === 'one more'), 'one more message');
      assert.equal(heard.length, 1, 'told once, however often it polls');
    } finally {
      author.close();
      reader.close();
    }
  });
}

test('someone else\'s message, an unknown seq, and open-mode HTTP are refused with the server\'s code', async () => {
  const room = uniqueRoom('edit-refused');
  const author = open(server.url, { room, name: 'ada', transport: 'websocket' });
  const other = open(server.url, { room, name: 'mal', transport: 'websocket' });
  const overHttp = open(server.url, { room, name: 'ada', transport: 'sse' });
  try {
    await Promise.all([opened(author), opened(other), opened(overHttp)]);
    const sent = await author.send('mine');
    await assert.rejects(other.edit(sent.seq, 'pwned'), { code: 'forbidden' });
    await new Promise((resolve) => setTimeout(resolve, 600)); // past chat.edit.interval
    await assert.rejects(other.edit(9999, 'pwned'), { code: 'not_found' });
    await assert.rejects(overHttp.edit(sent.seq, 'pwned'), { code: 'forbidden' });
  } finally {
    author.close();
    other.close();
    overHttp.close();
  }
});
