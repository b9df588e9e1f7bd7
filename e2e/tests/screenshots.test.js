import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { newChatPage, openPage, connect, say, waitForMessages, screenshot, SCREENSHOTS, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

const LOOKS = [
  { label: 'desktop-light', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { label: 'desktop-dark', colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
  { label: 'phone-light', colorScheme: 'light', viewport: { width: 390, height: 844 } },
  { label: 'phone-dark', colorScheme: 'dark', viewport: { width: 390, height: 844 } },
];

test('screenshots of the main states, light and dark, desktop and phone', async () => {
  const room = uniqueRoom('team');
  for (const [from, text] of [
    ['bob', 'Morning! Is the release still on for today?'],
    ['alice', 'Yes, the canary has been healthy for an hour.'],
    ['bob', 'Great. I will watch the dashboards: https://example.com/dashboards/release-candidate-with-a-long-address'],
    ['noa', 'שלום! אני כאן גם'],
    ['alice', 'Rolling out to the rest now.'],
  ]) await shared.server.post(room, from, text);

  const bob = await newChatPage(shared.browser, shared.server, { name: 'bob', room, transport: 'sse' });
  await connect(bob.page);
  const pages = [];
  for (const look of LOOKS) {
    const person = await newChatPage(shared.browser, shared.server, { name: 'alice', room, transport: 'websocket', ...look });
    await connect(person.page);
    pages.push({ look, ...person });
  }
  await say(bob.page, 'Looks good from here 👍');
  for (const { page } of pages) await waitForMessages(page, 6);
  await pages[0].page.locator('#message').fill('Thanks, all');

  for (const { page, look } of pages) {
    await page.locator('#online li', { hasText: 'bob' }).waitFor();
    await screenshot(page, `conversation-${look.label}`);
  }

  await shared.server.stop();
  for (const { page, look } of pages) {
    await page.locator('#state[data-state="reconnecting"]').waitFor();
    await page.locator('#messages li.notice.connection').waitFor();
    await screenshot(page, `reconnecting-${look.label}`);
  }
  await shared.server.start();

  const stranger = await newChatPage(shared.browser, shared.server, { name: '<b>bold</b>', room: 'Team Room', ...LOOKS[2] });
  await stranger.page.locator('#connect').click();
  await stranger.page.locator('#join-problem').waitFor();
  await screenshot(stranger.page, 'refused-name-phone-light');

  for (const look of LOOKS) {
    for (const state of ['conversation', 'reconnecting']) {
      assert.ok(existsSync(path.join(SCREENSHOTS, `${state}-${look.label}.png`)), `${state}-${look.label}.png`);
    }
  }
  for (const person of [bob, stranger, ...pages]) await person.context.close();
});

test('screenshots of the lab, desktop light and phone dark, after two messages', async () => {
  const room = uniqueRoom('lab');
  for (const look of [
    { label: 'desktop-light', colorScheme: 'light', viewport: { width: 1600, height: 1300 }, lang: 'en' },
    { label: 'phone-dark', colorScheme: 'dark', viewport: { width: 390, height: 844 }, lang: 'ko' },
  ]) {
    const { context, page } = await openPage(shared.browser, `${shared.server.url}/lab/?room=${room}-${look.label}&lang=${look.lang}`, look);
    for (const pane of ['polling', 'long-polling', 'sse', 'websocket']) await page.locator(`#pane-${pane}[data-state="open"]`).waitFor();
    await page.locator('#pane-websocket .handshake[data-match="true"]').waitFor();
    for (const text of ['Hello from the lab', '안녕하세요']) {
      await page.locator('#lab-message').fill(text);
      await page.locator('#lab-message').press('Enter');
      await page.waitForFunction((n) => [...document.querySelectorAll('.pane')].every((pane) => Number(pane.dataset.delivered) >= n),
        text === 'Hello from the lab' ? 1 : 2, { timeout: 15_000 });
    }
    await screenshot(page, `lab-${look.label}`);
    assert.ok(existsSync(path.join(SCREENSHOTS, `lab-${look.label}.png`)));
    await context.close();
  }
});
