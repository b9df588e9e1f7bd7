import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newChatPage, connect, say, waitForMessages, uniqueRoom, screenshot } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

const bar = (page) => page.locator('#messages li.message .reactions').first();
const counts = (page) => bar(page).evaluate((node) => JSON.parse(node.dataset.counts));

test('two people react to a message, both see the counts, and a toggle comes off again', async () => {
  const room = uniqueRoom('reactions');
  const alice = await newChatPage(shared.browser, shared.server, { name: 'alice', room, transport: 'websocket' });
  const bob = await newChatPage(shared.browser, shared.server, { name: 'bob', room, transport: 'sse', colorScheme: 'dark' });
  await connect(alice.page);
  await connect(bob.page);
  await say(alice.page, 'React to this');
  await waitForMessages(alice.page, 1);
  await waitForMessages(bob.page, 1);

  // Bob picks 👍 with the mouse; Alice adds hers with the keyboard alone.
  await bar(bob.page).getByRole('button', { name: 'Add reaction' }).click();
  await bob.page.getByRole('button', { name: 'React with 👍' }).click();
  const alicesButton = bar(alice.page).getByRole('button', { name: '👍 1 reaction, press to react' });
  await alicesButton.waitFor();
  await alicesButton.focus();
  await alice.page.keyboard.press('Enter');
  await bar(bob.page).getByRole('button', { name: '👍 2 reactions, including yours, press to take yours back' }).waitFor();
  await bar(alice.page).getByRole('button', { name: '👍 2 reactions, including yours, press to take yours back' }).waitFor();
  assert.equal(await bar(alice.page).locator('[data-emoji="👍"]').getAttribute('aria-pressed'), 'true');

  await bar(alice.page).getByRole('button', { name: 'Add reaction' }).focus();
  await alice.page.keyboard.press('Enter');
  assert.equal(await alice.page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'React with 👍', 'the picker takes the focus');
  await alice.page.keyboard.press('ArrowRight');
  await alice.page.keyboard.press('ArrowRight');
  await alice.page.keyboard.press('ArrowRight');
  await alice.page.keyboard.press('Enter');
  await bob.page.waitForFunction(() => JSON.parse(document.querySelector('#messages .reactions').dataset.counts)['🎉'] === 1);
  assert.deepEqual(await counts(bob.page), { '👍': 2, '🎉': 1 });
  await screenshot(bob.page, 'reactions-dark');

  // Bob takes his 👍 back: both see one left, and his button is no longer pressed.
  await bar(bob.page).locator('[data-emoji="👍"]').click();
  await alice.page.waitForFunction(() => JSON.parse(document.querySelector('#messages .reactions').dataset.counts)['👍'] === 1);
  await bar(bob.page).getByRole('button', { name: '👍 1 reaction, press to react' }).waitFor();
  assert.equal(await bar(bob.page).locator('[data-emoji="👍"]').getAttribute('aria-pressed'), 'false');

  // Alice takes both of hers back: the emoji disappear for everyone.
  await bar(alice.page).locator('[data-emoji="👍"]').click();
  await bar(alice.page).locator('[data-emoji="🎉"]').click();
  await bob.page.waitForFunction(() => document.querySelector('#messages .reactions').dataset.counts === '{}');
  assert.equal(await bar(bob.page).locator('.reaction').count(), 0);

  // A newcomer's replay carries the counts.
  await bar(bob.page).getByRole('button', { name: 'Add reaction' }).click();
  await bob.page.getByRole('button', { name: 'React with ❤️' }).click();
  const carol = await newChatPage(shared.browser, shared.server, { name: 'carol', room, transport: 'long-polling', viewport: { width: 390, height: 844 } });
  await connect(carol.page);
  await waitForMessages(carol.page, 1);
  await bar(carol.page).getByRole('button', { name: '❤️ 1 reaction, press to react' }).waitFor();
  await screenshot(carol.page, 'reactions-phone');
  for (const person of [alice, bob, carol]) {
    assert.deepEqual(person.trouble.errors, []);
    await person.context.close();
  }
});
