import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newChatPage, connect, say, waitForMessages, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

test('one person fixes a typo with the Up arrow, the other sees the new text marked as edited', async () => {
  const room = uniqueRoom('edit');
  const alice = await newChatPage(shared.browser, shared.server, { name: 'alice', room, transport: 'websocket' });
  const bob = await newChatPage(shared.browser, shared.server, { name: 'bob', room, transport: 'sse' });
  await connect(alice.page);
  await connect(bob.page);

  await say(alice.page, 'helo bob');
  await waitForMessages(bob.page, 1);
  await alice.page.locator('#messages .message.mine[data-seq]').waitFor();

  const box = alice.page.locator('#message');
  await box.press('ArrowUp');
  assert.equal(await box.inputValue(), 'helo bob', 'Up in an empty box takes up her last message');
  assert.equal(await alice.page.locator('#editing').isVisible(), true, 'the page says she is editing');
  await box.fill('hello bob');
  await box.press('Enter');

  const bobsCopy = bob.page.locator('#messages .message', { hasText: 'hello bob' });
  await bobsCopy.locator('.edited').waitFor();
  assert.equal(await bob.page.locator('#messages .message').count(), 1, 'the same message, not a new one');
  assert.equal(await bobsCopy.locator('.edit').count(), 0, 'bob gets no Edit control on alice\'s message');
  await alice.page.locator('#messages .message.mine .edited').waitFor();
  assert.equal(await alice.page.locator('#editing').isVisible(), false, 'back to writing new messages');

  // The Edit control is a labelled button, reached and pressed from the keyboard.
  const control = alice.page.locator('#messages .message.mine button.edit');
  assert.match(await control.getAttribute('aria-label'), /^Edit your message from /);
  await control.focus();
  await alice.page.keyboard.press('Enter');
  assert.equal(await box.inputValue(), 'hello bob');
  await box.press('Escape');
  assert.equal(await box.inputValue(), '', 'Escape leaves editing');

  await say(bob.page, 'no worries');
  await waitForMessages(alice.page, 2);
  await alice.context.close();
  await bob.context.close();
});
