import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newChatPage, waitForMessages, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

const focused = (page) => page.evaluate(() => document.activeElement?.id);

test('the keyboard alone joins a room and chats: Enter connects, then sends, focus where a person expects', async () => {
  const room = uniqueRoom('keys');
  const { page, context } = await newChatPage(shared.browser, shared.server, {});
  assert.equal(await focused(page), 'name', 'the page opens with the name field focused');

  await page.keyboard.type('kim');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'room');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(room);
  await page.keyboard.press('Enter');
  await page.locator('#state[data-state="open"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'message');

  await page.keyboard.type('typed, then Enter');
  await page.keyboard.press('Enter');
  assert.deepEqual((await waitForMessages(page, 1)).map((m) => m.text), ['typed, then Enter']);
  assert.equal(await page.locator('#message').inputValue(), '', 'the box is emptied once sent');
  assert.equal(await focused(page), 'message', 'focus stays in the message box');

  // Enter on an empty box sends nothing.
  await page.keyboard.press('Enter');
  await page.keyboard.type('second');
  await page.keyboard.press('Enter');
  assert.deepEqual((await waitForMessages(page, 2)).map((m) => m.text), ['typed, then Enter', 'second']);

  // Tab from the message box reaches Send, and Shift+Tab goes back.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'send');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'message');
  await context.close();
});

test('every control is named for assistive technology and the regions have roles', async () => {
  const { page, context } = await newChatPage(shared.browser, shared.server, { name: 'ada', room: uniqueRoom('a11y') });
  for (const [role, name] of [
    ['textbox', 'Name'], ['textbox', 'Room'], ['combobox', 'Transport'], ['button', 'Connect'],
    ['textbox', 'Message'], ['button', 'Send'], ['log', 'Conversation'], ['status', 'Who is typing'], ['complementary', /Online/],
  ]) {
    const found = name == null ? page.getByRole(role) : page.getByRole(role, { name });
    assert.equal(await found.count(), 1, `one ${role} named ${name}`);
  }
  assert.equal(await page.getByRole('status').count(), 2, 'the connection state and who is typing');
  assert.equal(await page.locator('#state').getAttribute('role'), 'status');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await context.close();
});

test('at phone width the page fits, the composer stays in view, and a long conversation scrolls inside', async () => {
  const room = uniqueRoom('phone');
  const { page, context } = await newChatPage(shared.browser, shared.server, {
    name: 'pat', room, transport: 'websocket', viewport: { width: 390, height: 844 },
  });
  await page.locator('#connect').click();
  await page.locator('#state[data-state="open"]').waitFor();
  for (let i = 1; i <= 12; i++) await shared.server.post(room, 'sam', `message ${i} ${'word '.repeat(i)}`);
  await shared.server.post(room, 'sam', `a-very-long-word-${'x'.repeat(300)}`);
  await waitForMessages(page, 13);

  const layout = await page.evaluate(() => {
    const box = (id) => document.getElementById(id).getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width: innerWidth,
      height: innerHeight,
      message: box('message'),
      send: box('send'),
      list: box('messages'),
      last: document.querySelector('#messages li:last-child').getBoundingClientRect(),
    };
  });
  assert.ok(layout.scrollWidth <= layout.width, `no horizontal scroll (${layout.scrollWidth} > ${layout.width})`);
  for (const part of ['message', 'send']) {
    assert.ok(layout[part].top >= 0 && layout[part].bottom <= layout.height, `${part} is in view`);
    assert.ok(layout[part].right <= layout.width, `${part} fits the width`);
  }
  assert.ok(layout.message.width >= 200, 'the message box is wide enough to type in');
  assert.ok(layout.last.bottom <= layout.list.bottom + 1 && layout.last.bottom <= layout.message.top,
    `the newest message is in view above the composer (${JSON.stringify(layout)})`);
  await context.close();
});
