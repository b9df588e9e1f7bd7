import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, open, opened, until, sleep } from './support/chat.js';
import { IdentityProvider } from '../../../e2e/support/identity.js';

// Token mode against a provider of the test's own whose tokens live 4 seconds.
let provider;
let server;
before(async () => {
  provider = await IdentityProvider.start();
  provider.lifetimeSeconds = 4;
  server = await ChatServer.start(provider.serviceConfig());
});
after(async () => {
  await server?.stop();
  await provider?.close();
});

for (const transport of ['websocket', 'sse', 'long-polling']) {
  test(`over ${transport}: a token provider keeps the client in past three token lifetimes, under the verified name`, async () => {
    const claims = { sub: `${transport}-user`, name: `User on ${transport}` };
    let provided = 0;
    const client = open(server.url, {
      room: 'lobby', transport, name: 'ignored in token mode',
      token: () => { provided += 1; return provider.token(claims); },
    });
    try {
      const { welcome } = await opened(client);
      assert.equal(welcome.name, claims.name);
      assert.equal(welcome.uid, claims.sub);

      const stored = [];
      const started = Date.now();
      while (Date.now() - started < 13_000) {
        const message = await client.send(`at ${Date.now() - started} ms`);
        stored.push(message);
        await sleep(800);
      }
      assert.ok(stored.every((m) => m.uid === claims.sub && m.from === claims.name), 'stamped by the server from the token');
      assert.ok(provided >= 4, `fresh tokens were asked for: ${provided}`);
      const seqs = stored.map((m) => m.seq);
      await until(() => client.seen.filter((m) => m.mine).length >= stored.length, 'every message back');
      const mine = client.seen.filter((m) => m.uid === claims.sub).map((m) => m.seq);
      assert.deepEqual(mine, seqs, 'every message once, in order');
      if (transport === 'websocket') {
        const reconnects = client.states.filter((s) => s.state === 'reconnecting');
        assert.deepEqual(reconnects, [], 'renewed in band, the socket never dropped');
      }
    } finally {
      client.close();
    }
  });
}

test('without a token the client is refused and says so as it retries', async () => {
  const client = open(server.url, { room: 'lobby', transport: 'websocket', token: () => { throw new Error('signed out'); } });
  const errors = [];
  client.on('error', (error) => errors.push(error));
  try {
    await until(() => errors.length > 0 && client.state.state === 'reconnecting', 'the refusal');
    assert.equal(errors[0].code, 'token');
    assert.match(errors[0].message, /signed out/);
  } finally {
    client.close();
  }
});
