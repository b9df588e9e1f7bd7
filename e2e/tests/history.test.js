import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newChatPage, connect, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

// A crowd of senders makes the burst; the suite's server lets 127.0.0.1 post that many at once.
const SENDERS = 30;
const EACH = 20;

test('a burst of hundreds of messages: the page keeps up, keeps at most 500, stays at the newest and responsive', async (t) => {
  const room = uniqueRoom('busy');
  const { page, context } = await newChatPage(shared.browser, shared.server, { name: 'reader', room, transport: 'websocket' });
  await connect(page);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });

  const started = Date.now();
  await Promise.all(Array.from({ length: SENDERS }, async (_, sender) => {
    for (let i = 1; i <= EACH; i++) await shared.server.post(room, `sender ${sender}`, `message ${i} from sender ${sender}`);
  }));
  const total = SENDERS * EACH;
  await page.waitForFunction((n) => document.querySelector('#messages li.message:last-child')?.dataset.seq === String(n), total);
  const elapsed = Date.now() - started;

  const shown = await page.evaluate(() => {
    const list = document.getElementById('messages');
    const seqs = [...list.querySelectorAll('li.message')].map((item) => Number(item.dataset.seq));
    return {
      items: list.childElementCount,
      first: seqs[0],
      last: seqs.at(-1),
      inOrder: seqs.every((seq, i) => i === 0 || seq === seqs[i - 1] + 1),
      atBottom: list.scrollHeight - list.scrollTop - list.clientHeight < 2,
      longTasks: window.__longTasks,
    };
  });
  assert.equal(shown.items, 500, 'the conversation keeps the newest 500 items');
  assert.equal(shown.last, total);
  assert.equal(shown.first, total - 499);
  assert.ok(shown.inOrder, 'the shown messages follow each other with no hole');
  assert.ok(shown.atBottom, 'the view follows the newest message');
  // A generous bound for a busy two-core machine; per-message layout of 500 items would blow through it.
  const worst = Math.max(0, ...shown.longTasks);
  t.diagnostic(`${total} messages in ${elapsed} ms; long tasks (ms): ${shown.longTasks.join(', ') || 'none'}`);
  assert.ok(worst < 500, `no long freeze while ${total} messages arrived in ${elapsed} ms (long tasks: ${shown.longTasks})`);

  const typing = Date.now();
  await page.locator('#message').fill('still responsive');
  await page.locator('#message').press('Enter');
  await page.locator('#messages li.message:not(.pending)', { hasText: 'still responsive' }).waitFor();
  assert.ok(Date.now() - typing < 3000, 'typing and sending right after the burst is quick');
  await context.close();
});
