import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, sleep } from '../support/server.js';
import { launchBrowser } from '../support/browser.js';
import { IdentityProvider } from '../support/identity.js';

// The service in token mode, trusting a provider of the test's own whose tokens live 8 seconds.
let provider;
let server;
let browser;

before(async () => {
  provider = await IdentityProvider.start();
  [server, browser] = await Promise.all([ChatServer.start(provider.serviceConfig()), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

async function signedIn(cookie, claims, transport) {
  provider.user(cookie, claims);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name: 'chat-user', value: cookie, url: provider.url }]);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/?room=lobby&transport=${transport}#access_token=${provider.token(claims)}`);
  return { context, page, errors };
}

async function connected(page) {
  await page.waitForFunction(() => document.getElementById('name').readOnly);
  await page.locator('#connect').click();
  await page.locator('#state[data-state="open"]').waitFor({ timeout: 15_000 });
}

function shown(page) {
  return page.locator('#messages li.message:not(.pending, .failed)').evaluateAll((items) => items.map((item) => ({
    seq: Number(item.dataset.seq),
    from: item.querySelector('.from').textContent,
    text: item.querySelector('.text').textContent,
  })));
}

test('two signed-in users chat under their verified names, and outlive their first tokens without a hole', async () => {
  const alice = await signedIn('alice-cookie', { sub: 'alice-id', name: 'Alice Liddell' }, 'websocket');
  const bob = await signedIn('bob-cookie', { sub: 'bob-id', preferred_username: 'bob' }, 'sse');

  // The token leaves the address bar, and the name box shows who the token says, read-only.
  assert.equal(await alice.page.evaluate(() => location.hash), '');
  await connected(alice.page);
  await connected(bob.page);
  assert.equal(await alice.page.locator('#name').inputValue(), 'Alice Liddell');
  assert.equal(await bob.page.locator('#name').inputValue(), 'bob');

  // Both talk for longer than two token lifetimes; each token is renewed from the token URL on the way.
  const said = [];
  const started = Date.now();
  for (let i = 0; Date.now() - started < 20_000; i++) {
    const speaker = i % 2 === 0 ? alice : bob;
    const text = `line ${i}`;
    await speaker.page.locator('#message').fill(text);
    await speaker.page.locator('#message').press('Enter');
    said.push({ from: i % 2 === 0 ? 'Alice Liddell' : 'bob', text });
    await sleep(700);
  }

  for (const { page } of [alice, bob]) {
    await page.waitForFunction((n) => document.querySelectorAll('#messages li.message:not(.pending, .failed)').length >= n,
      said.length, { timeout: 20_000 });
    const messages = await shown(page);
    assert.deepEqual(messages.map(({ from, text }) => ({ from, text })), said, 'everything, in order, under verified names');
    const seqs = messages.map((message) => message.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => seqs[0] + i), 'no hole in the order');
  }
  assert.ok(provider.issued >= 4, `tokens renewed from the token URL: ${provider.issued}`);
  // The WebSocket was renewed in band: it never dropped.
  assert.equal(await alice.page.locator('#messages li.notice', { hasText: 'Connection lost' }).count(), 0);
  assert.deepEqual([...alice.errors, ...bob.errors], []);
  await alice.context.close();
  await bob.context.close();
});

test('the online list shows each signed-in person once: two tabs of one user are one entry, two users named alike are two', async () => {
  const tabs = [
    await signedIn('sam-one-cookie', { sub: 'sam-1', name: 'Sam' }, 'websocket'),
    await signedIn('sam-one-again-cookie', { sub: 'sam-1', name: 'Sam' }, 'websocket'),
    await signedIn('sam-two-cookie', { sub: 'sam-2', name: 'Sam' }, 'websocket'),
  ];
  for (const { page } of tabs) await connected(page);
  const watcher = await signedIn('wendy-cookie', { sub: 'wendy-id', name: 'Wendy' }, 'websocket');
  await connected(watcher.page);

  const sams = () => watcher.page.locator('#online li', { hasText: /^Sam$/ }).count();
  await watcher.page.waitForFunction(() => document.querySelectorAll('#online li').length >= 3);
  assert.equal(await sams(), 2, 'sam-1 (two tabs) and sam-2');

  // One of sam-1's tabs closing takes nobody away; sam-2 leaving does.
  await tabs[0].context.close();
  await tabs[2].context.close();
  await watcher.page.locator('#messages li.notice', { hasText: 'Sam left' }).waitFor();
  await sleep(1000);
  assert.equal(await sams(), 1, 'sam-1 is still there on the other tab');
  assert.equal(await watcher.page.locator('#messages li.notice', { hasText: 'Sam left' }).count(), 1);
  await tabs[1].context.close();
  await watcher.context.close();
});
