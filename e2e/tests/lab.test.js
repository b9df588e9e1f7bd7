import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openPage, newChatPage, connect, say, waitForMessages, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();
const PANES = ['polling', 'long-polling', 'sse', 'websocket'];

async function openLab(room, options = {}) {
  const lab = await openPage(shared.browser, `${shared.server.url}/lab?room=${room}&lang=${options.lang ?? 'en'}`, options);
  for (const pane of PANES) await lab.page.locator(`#pane-${pane}[data-state="open"]`).waitFor({ timeout: 15_000 });
  return lab;
}

async function send(page, text) {
  await page.locator('#lab-message').fill(text);
  await page.locator('#lab-message').press('Enter');
}

function count(page, pane, counter) {
  return page.locator(`#pane-${pane}`).evaluate((section, name) => Number(section.dataset[name]), counter);
}

test('one message reaches all four panes, each counting what it cost, and the table ranks them', async () => {
  const { context, page, trouble } = await openLab(uniqueRoom('lab'));
  await page.locator('#poll-interval').fill('300');
  await page.locator('#poll-interval').dispatchEvent('change');
  const before = await count(page, 'polling', 'requests');
  await page.waitForFunction((n) => Number(document.getElementById('pane-polling').dataset.requests) >= n + 3, before, { timeout: 10_000 });
  assert.ok(await count(page, 'polling', 'empty') >= 2, 'polling shows its empty answers');

  await send(page, 'Hello, four ways');
  for (const pane of PANES) {
    await page.locator(`#pane-${pane} .log li.arrival`).first().waitFor({ timeout: 15_000 });
    assert.equal(await count(page, pane, 'delivered'), 1, `${pane} delivered it once`);
    assert.ok(await count(page, pane, 'bytes') > 0, `${pane} counted bytes`);
    assert.ok(await count(page, pane, 'requests') >= 1, `${pane} counted requests`);
  }
  // The long poll that was held is released by the message, not by its timeout.
  await page.locator('#pane-long-polling .log li[data-released="message"]').first().waitFor();
  assert.ok(await count(page, 'long-polling', 'requests') >= 2, 'long polling asked again after its answer');

  const ranked = await page.locator('#ranking tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.technique));
  assert.deepEqual([...ranked].sort(), ['longPolling', 'polling', 'sse', 'websocket']);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(trouble.errors, []);
  await context.close();
});

test('the WebSocket pane shows the 101 the server sent, and Sec-WebSocket-Accept derived from the key', async () => {
  const { context, page } = await openLab(uniqueRoom('lab-ws'));
  const box = page.locator('#pane-websocket .handshake[data-match]');
  await box.waitFor({ timeout: 15_000 });
  const shown = await box.evaluate((node) => ({ ...node.dataset }));
  assert.equal(shown.status, '101');
  const expected = createHash('sha1').update(`${shown.key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  assert.equal(shown.accept, expected, 'the server answered what RFC 6455 derives');
  assert.equal(shown.derived, expected, 'the page derived the same');
  assert.equal(shown.match, 'true');
  assert.match(await box.textContent(), /HTTP\/1\.1 101 Switching Protocols/);
  assert.match(await box.textContent(), /sec-websocket-accept/i);

  await send(page, 'up and down');
  const up = page.locator('#pane-websocket .log li.frame.out[data-opcode="1"]').first();
  await up.waitFor();
  assert.equal(await up.getAttribute('data-masked'), 'true', 'browser to server is masked');
  await page.locator('#pane-websocket .log li.arrival').first().waitFor();
  const down = await page.locator('#pane-websocket .log li.frame.in').evaluateAll((frames) => frames.map((f) => f.dataset.masked));
  assert.ok(down.length >= 2 && down.every((masked) => masked === 'false'), 'server to browser is never masked');
  await context.close();
});

test('dropping the SSE connection resumes with Last-Event-ID and loses nothing', async () => {
  const room = uniqueRoom('lab-sse');
  const { context, page, trouble } = await openLab(room);
  const first = await shared.server.post(room, 'bob', 'before the drop');
  const idLine = (seq) => page.locator('#pane-sse .log li.raw-id', { hasText: new RegExp(`id: ?${seq}$`) });
  await idLine(first.seq).waitFor();

  await page.locator('#pane-sse .drop').click();
  const during = [await shared.server.post(room, 'bob', 'while away 1'), await shared.server.post(room, 'bob', 'while away 2')];
  await page.locator('#pane-sse[data-resumes="1"]').waitFor({ timeout: 15_000 });

  const sse = await page.locator('#pane-sse').evaluate((section) => ({ ...section.dataset }));
  assert.equal(sse.resumedFrom, String(first.seq));
  assert.equal(sse.resumedTo, String(during[0].seq));
  assert.equal(sse.gaps, '0');
  await page.locator('#pane-sse .log li.out', { hasText: `Last-Event-ID: ${first.seq}` }).waitFor();
  for (const message of during) await idLine(message.seq).waitFor();
  assert.equal(await count(page, 'sse', 'requests'), 2, 'one stream, then one resume');
  assert.deepEqual(trouble.errors, []);
  await context.close();
});

test('the lab reads in Korean, works by keyboard, and fits a phone', async () => {
  const { context, page } = await openLab(uniqueRoom('lab-ko'), { lang: 'ko', viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
  assert.match(await page.locator('h1').textContent(), /실습/);
  await page.locator('#language').selectOption('en');
  assert.match(await page.locator('h1').textContent(), /Lab/);

  const unnamed = await page.locator('input, select, button, [tabindex="0"]').evaluateAll((controls) => controls
    .filter((c) => !(c.labels?.length || c.getAttribute('aria-label') || c.textContent.trim()))
    .map((c) => c.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing scrolls sideways');

  assert.equal(await page.evaluate(() => document.activeElement.id), 'lab-message', 'the message box has the focus');
  await page.keyboard.type('typed, not clicked');
  await page.keyboard.press('Enter');
  await page.locator('#pane-polling .log li.arrival').first().waitFor({ timeout: 15_000 });
  await context.close();
});

test('the chat page\'s Wire panel shows the handshake and both directions from the moment it connects', async () => {
  const { context, page } = await newChatPage(shared.browser, shared.server, { name: 'wes', room: uniqueRoom('wire'), transport: 'websocket' });
  await connect(page);
  await say(page, 'said before the panel was opened');
  await waitForMessages(page, 1);
  await page.locator('#wire summary').click();

  const log = page.locator('#wire-log');
  const handshake = await log.locator('li.wire-handshake').allTextContents();
  assert.equal(handshake.length, 2, 'the request and the 101');
  assert.match(handshake[0], /^→ GET \/chat\/wire-[^ ]*wire=1 HTTP\/1\.1\nHost: /);
  assert.match(handshake[1], /^↓ HTTP\/1\.1 101 Switching Protocols\n/);
  assert.match(handshake[1], /sec-websocket-accept: \S+=/i);
  assert.match((await log.locator('li.wire-out').allTextContents()).join('\n'), /↑ \{"text":"said before the panel was opened"/);
  assert.match((await log.locator('li.wire-in').allTextContents()).join('\n'), /"type":"welcome"/);
  assert.equal(await log.locator('li', { hasText: '"type":"handshake"' }).count(), 0, 'the frame is shown as the heads it describes');
  await context.close();
});
