import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newChatPage, connect, say, waitForMessages, uniqueRoom } from '../support/browser.js';
import { serverAndBrowser } from '../support/suite.js';

const shared = serverAndBrowser();

test('a person on each transport, in one room, sees what everyone says in the same order', async () => {
  const room = uniqueRoom('mixed');
  const people = [
    { name: 'wes', transport: 'websocket', label: 'websocket' },
    { name: 'sue', transport: 'sse', label: 'sse' },
    { name: 'lou', transport: 'long-polling', label: 'long-polling' },
    { name: 'pol', transport: 'polling', label: 'polling' },
  ];
  for (const person of people) {
    Object.assign(person, await newChatPage(shared.browser, shared.server, { name: person.name, room, transport: person.transport }));
    await connect(person.page);
    assert.match(await person.page.locator('#state').textContent(), new RegExp(person.label));
  }

  for (const [index, person] of people.entries()) {
    await say(person.page, `${index + 1}. ${person.name} over ${person.transport}`);
    // One at a time, so the expected order is the order they spoke in.
    await Promise.all(people.map((other) => waitForMessages(other.page, index + 1)));
  }

  const expected = people.map((p, i) => `${p.name}: ${i + 1}. ${p.name} over ${p.transport}`);
  for (const person of people) {
    const seen = await waitForMessages(person.page, people.length);
    assert.deepEqual(seen.map(({ from, text }) => `${from}: ${text}`), expected, `what ${person.name} sees`);
    assert.deepEqual(seen.filter((m) => m.mine).map((m) => m.from), [person.name], `${person.name}'s own messages`);
    assert.deepEqual(person.trouble.errors, []);
  }
  for (const person of people) await person.context.close();
});
