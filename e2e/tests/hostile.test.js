import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newChatPage, connect, say, waitForMessages, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

const HOSTILE_TEXT = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  "'><iframe srcdoc=\"<script>parent.__pwned=1</script>\">",
  'javascript:window.__pwned=1',
  '[click me](javascript:alert(1)) <a href="javascript:alert(1)">click</a>',
  '{{constructor.constructor("window.__pwned=1")()}} ${window.__pwned=1}',
  '&lt;b&gt;not bold&lt;/b&gt; &amp; &#60;i&#62;',
  `Pneumonoultramicroscopicsilicovolcanoconiosis${'x'.repeat(700)}`,
  'שלום עולם, مرحبا بالعالم — and back to left-to-right',
  '\u202Eevil override\u202C then normal',
  'zero\u200Bwidth\u200Cnon\u200Djoiner\u2060word\uFEFFjoiner',
  '   spaces at both ends   ',
  '👩‍👩‍👧‍👦 family, 🇺🇦 flag, e\u0301 combining',
];

// Names the server accepts (letters, digits, space, _ - .) that still look like trouble.
const ODD_NAMES = [
  { name: 'img src x onerror', transport: 'websocket' },
  { name: 'שלום مرحبا', transport: 'sse' },
  { name: '-_. 0 script ._-', transport: 'long-polling' },
];

async function assertNothingRan(person) {
  const { page, trouble } = person;
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no Content-Security-Policy violation');
  assert.deepEqual(trouble.dialogs, [], 'no dialog opened');
  assert.deepEqual(trouble.errors, [], 'no script error');
  assert.deepEqual(trouble.console, [], 'no console error');
  assert.equal(await page.locator('#messages a, #messages img, #messages svg, #messages iframe, #messages script, #online *:not(li)').count(), 0,
    'no markup made it into the conversation');
}

test('hostile messages and odd names show exactly as typed, and nothing runs', async () => {
  const room = uniqueRoom('hostile');
  const people = [];
  for (const { name, transport } of ODD_NAMES) {
    const person = await newChatPage(shared.browser, shared.server, { name, room, transport });
    await connect(person.page);
    people.push({ name, transport, ...person });
  }
  // The wire panel shows raw frames; it must treat them as text too.
  await people[0].page.locator('#wire summary').click();

  const [sender] = people;
  for (const [index, text] of HOSTILE_TEXT.entries()) {
    await say(sender.page, text);
    await waitForMessages(sender.page, index + 1);
  }

  for (const person of people) {
    const seen = await waitForMessages(person.page, HOSTILE_TEXT.length);
    assert.deepEqual(seen.map((m) => m.text), HOSTILE_TEXT, `what ${person.name} sees`);
    assert.ok(seen.every((m) => m.from === sender.name));
    // Polling members are not listed online (they hold no connection), the others are, as named.
    const listed = people.filter((p) => p.transport !== 'long-polling').map((p) => p.name);
    await person.page.waitForFunction((n) => document.querySelectorAll('#online li').length >= n, listed.length);
    assert.deepEqual((await person.page.locator('#online li').allTextContents()).sort(), listed.sort());
    await assertNothingRan(person);
  }
  assert.ok(await sender.page.locator('#wire-log li').count() > HOSTILE_TEXT.length);

  // The very long word wraps inside its bubble rather than widening the page.
  const widths = await sender.page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    list: document.getElementById('messages').scrollWidth - document.getElementById('messages').clientWidth,
  }));
  assert.ok(widths.page <= widths.viewport, `no horizontal scroll (${widths.page} > ${widths.viewport})`);
  assert.equal(widths.list, 0, 'the conversation does not scroll sideways');

  for (const person of people) await person.context.close();
});

test('a name the server would refuse is explained before connecting, and nothing is sent', async () => {
  const refused = [
    '<img src=x onerror=window.__pwned=1>',
    '"><svg onload=window.__pwned=1>',
    'zero\u200Bwidth',
    'smile 🙂',
    'semi;colon',
  ];
  const person = await newChatPage(shared.browser, shared.server, { room: uniqueRoom('names'), transport: 'websocket' });
  const { page } = person;
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => requests.push(socket.url()));

  for (const name of refused) {
    await page.locator('#name').fill(name);
    await page.locator('#name').press('Enter');
    const problem = page.locator('#join-problem');
    await problem.waitFor();
    assert.match(await problem.textContent(), /letters, digits, spaces/);
    assert.equal(await page.locator('#name').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'name', 'focus goes back to the name');
    assert.equal(await page.locator('#state').getAttribute('data-state'), 'idle');
  }
  await page.locator('#name').fill('Ok Name');
  await page.locator('#room').fill('Not A Room!');
  await page.locator('#connect').click();
  assert.match(await page.locator('#join-problem').textContent(), /room/i);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'room');
  assert.deepEqual(requests.filter((url) => /\/chat\/|\/api\/rooms/.test(url)), [], 'nothing reached the server');

  // Once the name is fixed the problem goes away and the page connects.
  await page.locator('#room').fill(uniqueRoom('names'));
  await connect(page);
  assert.equal(await page.locator('#join-problem').isVisible(), false);
  assert.equal(await page.locator('#name').getAttribute('aria-invalid'), null);
  await say(page, 'fixed');
  assert.deepEqual((await waitForMessages(page, 1)).map((m) => m.from), ['Ok Name']);
  await assertNothingRan(person);
  await person.context.close();
});

test('a refusal from the server is shown in the conversation', async () => {
  const person = await newChatPage(shared.browser, shared.server, { name: 'verbose', room: uniqueRoom('refusal'), transport: 'sse' });
  await connect(person.page);
  // The message box allows 2000 characters, as the server does; a longer text is set as a script would.
  await person.page.locator('#message').evaluate((box) => { box.removeAttribute('maxlength'); box.value = 'y'.repeat(2001); });
  await person.page.locator('#message').press('Enter');
  const problem = person.page.locator('#messages li.notice.error');
  await problem.waitFor();
  assert.match(await problem.textContent(), /2000/);
  await say(person.page, 'still here');
  assert.deepEqual((await waitForMessages(person.page, 1)).map((m) => m.text), ['still here']);
  await person.context.close();
});
