// The polling and long-polling panes: the chat client on that transport, with a fetch that shows each
// request as it goes and each answer as it comes (status, size, time; for a long poll what released it).

import { connect } from '../client/chat.js';
import { text } from './texts.js';
import { detailLine } from './pane.js';

export function startPolling(pane, { room, name, long, pollIntervalMs, longPollWaitS }) {
  const chat = connect({
    room, name, transport: long ? 'long-polling' : 'polling', pollIntervalMs, longPollWaitS,
    fetch: (url, init) => watchedFetch(pane, long, url, init),
  });
  chat.on('state', (state) => pane.state(state.state));
  return chat;
}

async function watchedFetch(pane, long, url, init) {
  const target = new URL(url, location.href);
  const poll = target.pathname.endsWith('/messages');
  const entry = pane.log('out', `→ GET ${target.pathname}${target.search}`);
  const waiting = long && poll ? entry.appendChild(detailLine(text('held'))) : null;
  pane.request();
  const started = performance.now();
  const response = await fetch(url, init);
  const body = await response.arrayBuffer();
  const ms = Math.round(performance.now() - started);
  pane.bytes(body.byteLength);
  const count = poll ? messagesIn(response.status, body) : null;
  let answer = `← ${response.status} · ${body.byteLength} ${text('bytesUnit')} · ${ms} ${text('msUnit')}`;
  if (count === 0) {
    pane.emptyAnswer();
    answer += ` · ${text('emptyAnswer')}`;
  }
  entry.classList.toggle('empty', count === 0);
  entry.append(detailLine(answer));
  if (waiting) {
    waiting.textContent = `${text('waited', ms)} · ${text('released', count ? text('releasedByMessage', count) : text('releasedByTimeout'))}`;
    entry.dataset.released = count ? 'message' : 'timeout';
  }
  // A 204 has no body, and a Response for one must not be given any.
  const empty = response.status === 204 || response.status === 304;
  return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

// How many messages a poll's answer carried: 0 for a 204 or an empty list.
function messagesIn(status, body) {
  if (status === 204) return 0;
  if (status !== 200) return null;
  try {
    return JSON.parse(new TextDecoder().decode(body)).messages?.length ?? 0;
  } catch {
    return null;
  }
}
