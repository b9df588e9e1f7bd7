import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer, sleep } from '../support/server.js';
import { launchBrowser, say, screenshot, uniqueRoom, waitForMessages } from '../support/browser.js';
import { IdentityProvider } from '../support/identity.js';

// Read marks are token mode's: two signed-in people, through a provider of the test's own.
let provider;
let server;
let browser;

before(async () => {
  provider = await IdentityProvider.start();
  provider.lifetimeSeconds = 300;
  [server, browser] = await Promise.all([
    ChatServer.start({ ...provider.serviceConfig(), 'chat.auth.public-rooms': 'lobby,unread-*' }),
    launchBrowser(),
  ]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

async function signedIn(claims, room, transport, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/?room=${room}&transport=${transport}#access_token=${provider.token(claims)}`);
  await page.waitForFunction(() => document.getElementById('name').readOnly);
  // Every count the page shows, however briefly: looking at the room reads it at once.
  await page.evaluate(() => {
    const count = document.getElementById('unread-count');
    window.shownCounts = [];
    new MutationObserver(() => window.shownCounts.push(count.hidden ? '' : count.textContent))
      .observe(count, { childList: true, characterData: true, subtree: true, attributes: true });
  });
  return { context, page, errors };
}

async function connected(page) {
  await page.locator('#connect').click();
  await page.locator('#state[data-state="open"]').waitFor({ timeout: 15_000 });
}

async function markOf(uid, room) {
  const token = provider.token({ sub: uid });
  const info = await fetch(`${server.url}/api/rooms/${room}`, { headers: { Authorization: `Bearer ${token}` } });
  return (await info.json()).read;
}

async function until(condition, what, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

test('one writes while the other is away; back, the other sees "New messages" above what they missed, and the count', async () => {
  const room = uniqueRoom('unread');
  const alice = await signedIn({ sub: 'alice-id', name: 'Alice' }, room, 'websocket');
  let bob = await signedIn({ sub: 'bob-id', name: 'Bob' }, room, 'sse');
  await connected(alice.page);
  await connected(bob.page);

  await say(alice.page, 'before you left');
  await waitForMessages(bob.page, 1);
  // Seen on bob's screen, in a focused page: the page marks it read.
  const first = await bob.page.locator('#messages li.message').first().getAttribute('data-seq');
  await until(async () => (await markOf('bob-id', room)) === Number(first), 'bob\'s mark');
  assert.equal(await bob.page.locator('.unread-divider').count(), 0, 'nothing unread, no divider');
  await bob.context.close();

  for (const text of ['while you were away', 'still away', 'back soon?']) await say(alice.page, text);
  await waitForMessages(alice.page, 4);

  bob = await signedIn({ sub: 'bob-id', name: 'Bob' }, room, 'websocket', { viewport: { width: 390, height: 780 }, colorScheme: 'dark' });
  await connected(bob.page);
  await waitForMessages(bob.page, 4);
  const divider = bob.page.locator('#messages .unread-divider');
  await divider.waitFor();
  assert.equal(await divider.getAttribute('role'), 'separator');
  assert.equal(await divider.getAttribute('aria-label'), 'New messages');
  assert.equal(await divider.textContent(), 'New messages');
  const below = await divider.evaluate((node) => node.nextElementSibling.querySelector('.text').textContent);
  assert.equal(below, 'while you were away', 'the divider is above the first message bob did not read');
  await until(() => bob.page.evaluate(() => window.shownCounts.includes('3 unread')), 'the count of three');
  const box = await divider.boundingBox();
  assert.ok(box.width > 0 && box.x + box.width <= 390, 'the divider fits the phone\'s width');
  await screenshot(bob.page, 'unread-phone-dark');

  // Bob's page is looking at them: read, the count goes, the title loses it, and the divider stays where it was.
  await bob.page.locator('#unread-count').waitFor({ state: 'hidden' });
  assert.doesNotMatch(await bob.page.title(), /^\(\d+\)/);
  await until(async () => (await markOf('bob-id', room)) === Number(first) + 3, 'bob\'s mark at the last message');
  assert.equal(await divider.count(), 1);
  assert.equal(await alice.page.locator('.unread-divider').count(), 0, 'alice, who wrote them, has nothing unread');
  assert.deepEqual([...alice.errors, ...bob.errors], []);
  await alice.context.close();
  await bob.context.close();
});

test('the count of a room shows in the tab title while its messages wait unseen, and keyboard reaches the room field', async () => {
  const room = uniqueRoom('unread-title');
  const alice = await signedIn({ sub: 'alice-title', name: 'Alice' }, room, 'websocket');
  const bob = await signedIn({ sub: 'bob-title', name: 'Bob' }, room, 'long-polling');
  await connected(alice.page);
  await say(alice.page, 'one');
  await say(alice.page, 'two');
  await waitForMessages(alice.page, 2);
  await connected(bob.page);
  await waitForMessages(bob.page, 2);
  await until(() => bob.page.evaluate(() => window.shownCounts.includes('2 unread')), 'bob\'s count of two');
  await bob.page.locator('#unread-count').waitFor({ state: 'hidden' });
  await bob.page.locator('#room').focus();
  assert.match(await bob.page.locator('#room').getAttribute('aria-describedby'), /unread-count/,
    'the room field is described by its count');
  await alice.context.close();
  await bob.context.close();
});

test('a signed-in person\'s other rooms show how much waits unread there, and one click goes back', async () => {
  const there = uniqueRoom('unread-there');
  const here = uniqueRoom('unread-here');
  const alice = await signedIn({ sub: 'alice-rooms', name: 'Alice' }, there, 'websocket');
  const bob = await signedIn({ sub: 'bob-rooms', name: 'Bob' }, there, 'websocket',
    { viewport: { width: 390, height: 780 }, colorScheme: 'dark' });
  await connected(alice.page);
  await connected(bob.page);
  await say(alice.page, 'hello there');
  await waitForMessages(bob.page, 1);
  await until(async () => (await markOf('bob-rooms', there)) === 1, 'bob\'s mark in the first room');
  assert.equal(await bob.page.locator('#rooms').isVisible(), false, 'one room is no list');

  await bob.page.locator('#room').fill(here);
  await bob.page.locator('#connect').click();
  await bob.page.locator('#messages .notice.welcome', { hasText: `Welcome to ${here}` }).waitFor({ timeout: 15_000 });
  const rooms = bob.page.locator('#rooms');
  await rooms.waitFor();
  const current = rooms.locator(`button[data-room="${here}"]`);
  assert.equal(await current.getAttribute('aria-current'), 'true');
  assert.equal(await current.getAttribute('aria-label'), `${here}, nothing unread, open`);

  for (const text of ['one', 'two']) await say(alice.page, text);
  await waitForMessages(alice.page, 3);
  const elsewhere = rooms.locator(`button[data-room="${there}"]`);
  // The page asks for the other rooms' counts when it is looked at again (and every half minute).
  await until(async () => {
    await bob.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    return (await elsewhere.getAttribute('aria-label')) === `${there}, 2 unread`;
  }, 'the other room\'s count of two', 15_000);
  assert.equal(await elsewhere.locator('.badge').textContent(), '2');
  const box = await rooms.boundingBox();
  assert.ok(box.width > 0 && box.x + box.width <= 390, 'the list fits the phone\'s width');
  await screenshot(bob.page, 'unread-rooms-phone-dark');

  // By keyboard: the room is a button; Enter takes bob back, above what he missed.
  await elsewhere.focus();
  await bob.page.keyboard.press('Enter');
  await bob.page.locator('#messages .notice.welcome', { hasText: `Welcome to ${there}` }).waitFor({ timeout: 15_000 });
  await waitForMessages(bob.page, 3);
  const divider = bob.page.locator('#messages .unread-divider');
  await divider.waitFor();
  assert.equal(await divider.evaluate((node) => node.nextElementSibling.querySelector('.text').textContent), 'one');
  await until(async () => (await rooms.locator(`button[data-room="${there}"]`).getAttribute('aria-current')) === 'true',
    'the room bob went back to is the open one');
  assert.deepEqual([...alice.errors, ...bob.errors], []);
  await alice.context.close();
  await bob.context.close();
});
