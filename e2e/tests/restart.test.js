import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sleep } from '../support/server.js';
import { newChatPage, connect, say, waitForMessages, screenshot, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

const stateOf = (page) => page.locator('#state').getAttribute('data-state');

// The memory backplane starts a new history (a new epoch) on every start, so "no hole" means: what
// the page saw before stays, and everything said in the new history shows, once and in order.
test('the server restarts under the page: it shows reconnecting, comes back by itself, misses nothing, sends what was typed once', async (t) => {
  const room = uniqueRoom('restart');
  const alice = await newChatPage(shared.browser, shared.server, { name: 'alice', room, transport: 'websocket' });
  const carol = await newChatPage(shared.browser, shared.server, { name: 'carol', room, transport: 'sse' });
  await connect(alice.page);
  await connect(carol.page);
  await say(alice.page, 'before the restart');
  await waitForMessages(carol.page, 1);

  await shared.server.stop();
  await alice.page.locator('#state[data-state="reconnecting"]').waitFor();
  assert.match(await alice.page.locator('#state').textContent(), /Reconnecting/);
  assert.equal(await alice.page.locator('#message').isEditable(), true, 'the message box stays usable while away');
  await say(alice.page, 'typed while away');
  const waiting = alice.page.locator('#messages li.message.pending', { hasText: 'typed while away' });
  assert.match(await waiting.textContent(), /sending/, 'what was typed shows as sending');
  assert.match(await alice.page.locator('#messages li.notice.connection').textContent(), /Reconnecting/);
  await screenshot(alice.page, 'reconnecting-with-unsent-message-desktop-light');

  // Long enough for the backoff to grow, so the page is still away when others speak after the start.
  await sleep(3000);
  let awayWhileOthersSpoke = false;
  let others = [];
  let typedStillWaiting = true;
  for (let attempt = 1; attempt <= 3 && !awayWhileOthersSpoke; attempt++) {
    if (attempt > 1) {
      // The page came back before the others spoke; take the server away again to try the case again.
      // Each attempt speaks its own lines, so the history of the last one is what the pages must end on.
      t.diagnostic(`the page reconnected early; restarting again (attempt ${attempt})`);
      await shared.server.stop();
      await alice.page.locator('#state[data-state="reconnecting"]').waitFor();
      await sleep(3000);
    }
    typedStillWaiting = (await waiting.count()) > 0;
    others = ['first', 'second', 'third'].map((ordinal) => `${ordinal} after restart ${attempt}`);
    await shared.server.start();
    const awayBefore = (await stateOf(alice.page)) !== 'open';
    for (const text of others) await shared.server.post(room, 'dave', text);
    awayWhileOthersSpoke = awayBefore && (await stateOf(alice.page)) !== 'open';
  }
  assert.ok(awayWhileOthersSpoke, 'others spoke while the page was still reconnecting');

  await alice.page.locator('#state[data-state="open"]').waitFor({ timeout: 30_000 });
  await carol.page.locator('#state[data-state="open"]').waitFor({ timeout: 30_000 });
  await say(alice.page, 'after the reconnect');
  await waiting.waitFor({ state: 'detached' });

  // What was typed while away is sent after the page has caught up, so it follows what the others said
  // meanwhile; if an earlier attempt's reconnect already sent it, it lies in that attempt's history.
  const expectedAfter = [
    ...others.map((text) => `dave: ${text}`),
    ...(typedStillWaiting ? ['alice: typed while away'] : []),
    'alice: after the reconnect',
  ];
  for (const person of [alice, carol]) {
    await person.page.locator('#messages li.message', { hasText: 'after the reconnect' }).waitFor();
    const seen = (await waitForMessages(person.page, expectedAfter.length)).map(({ from, text }) => `${from}: ${text}`);
    // Whatever history of the room each saw before the restart, the new history follows it whole.
    assert.equal(seen[0], 'alice: before the restart');
    assert.deepEqual(seen.slice(-expectedAfter.length), expectedAfter);
    assert.equal(seen.filter((line) => line === 'alice: typed while away').length, 1, 'delivered once');
    await person.page.locator('#messages li.notice', { hasText: 'restarted its history' }).first().waitFor();
  }
  await alice.context.close();
  await carol.context.close();
});
