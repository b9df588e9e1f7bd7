import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newChatPage, connect, say, waitForMessages, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

test('two people typing see each other typing, never themselves, and the line clears when the message comes', async () => {
  const room = uniqueRoom('typing');
  const alice = await newChatPage(shared.browser, shared.server, { name: 'alice', room, transport: 'websocket' });
  const bob = await newChatPage(shared.browser, shared.server, { name: 'bob', room, transport: 'sse' });
  await connect(alice.page);
  await connect(bob.page);

  await alice.page.locator('#message').pressSequentially('Hel');
  await bob.page.locator('#typing', { hasText: 'alice is typing…' }).waitFor();
  assert.equal(await alice.page.locator('#typing').textContent(), '', 'alice is not told of her own typing');

  await bob.page.locator('#message').pressSequentially('Hi');
  await alice.page.locator('#typing', { hasText: 'bob is typing…' }).waitFor();
  assert.equal(await bob.page.locator('#typing').textContent(), 'alice is typing…');

  await alice.page.locator('#message').pressSequentially('lo');
  await alice.page.locator('#message').press('Enter');
  await waitForMessages(bob.page, 1);
  // A message ends its sender's typing at once, well before the line's own 3.5 s run out.
  await bob.page.waitForFunction(() => document.getElementById('typing').textContent === '', null, { timeout: 1_500 });
  assert.equal(await bob.page.locator('#typing').getAttribute('role'), 'status', 'read out politely by screen readers');


  await say(bob.page, 'Hi alice');
  await waitForMessages(alice.page, 2);
  await alice.context.close();
  await bob.context.close();
});
