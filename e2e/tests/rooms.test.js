import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newChatPage, connect, say, waitForMessages, shownMessages, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

test('two people in one room see both messages in one order, their own set apart; another room sees nothing', async () => {
  const room = uniqueRoom('pair');
  const alice = await newChatPage(shared.browser, shared.server, { name: 'alice', room, transport: 'websocket' });
  const bob = await newChatPage(shared.browser, shared.server, { name: 'bob', room, transport: 'websocket' });
  const carol = await newChatPage(shared.browser, shared.server, { name: 'carol', room: uniqueRoom('elsewhere'), transport: 'websocket' });
  await connect(alice.page);
  await connect(bob.page);
  await connect(carol.page);

  await say(alice.page, 'Hello from alice');
  await waitForMessages(bob.page, 1);
  await say(bob.page, 'Hello back from bob');

  const seenByAlice = await waitForMessages(alice.page, 2);
  const seenByBob = await waitForMessages(bob.page, 2);
  const order = (messages) => messages.map(({ from, text }) => `${from}: ${text}`);
  assert.deepEqual(order(seenByAlice), ['alice: Hello from alice', 'bob: Hello back from bob']);
  assert.deepEqual(order(seenByBob), order(seenByAlice));
  assert.deepEqual(seenByAlice.map((m) => m.mine), [true, false]);
  assert.deepEqual(seenByBob.map((m) => m.mine), [false, true]);

  // Set apart for the eye too, not only by a class name: one's own messages sit on the other side.
  const [own, other] = await alice.page.locator('#messages li.message').evaluateAll((items) =>
    items.map((item) => ({ left: item.getBoundingClientRect().left, background: getComputedStyle(item).backgroundColor })));
  assert.ok(own.left > other.left, 'own message aligned to the right');
  assert.notEqual(own.background, other.background);

  // Alice sees bob arrive and is listed online with him.
  await alice.page.locator('#messages li.notice', { hasText: 'bob joined' }).waitFor();
  assert.deepEqual(await alice.page.locator('#online li').allTextContents(), ['alice', 'bob']);

  await bob.context.close();
  await alice.page.locator('#messages li.notice', { hasText: 'bob left' }).waitFor();
  assert.deepEqual(await alice.page.locator('#online li').allTextContents(), ['alice']);

  assert.deepEqual(await shownMessages(carol.page), []);
  await alice.context.close();
  await carol.context.close();
});
