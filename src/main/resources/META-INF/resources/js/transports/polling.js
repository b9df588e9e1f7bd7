// Polling (lecture ch. 9) and long polling (ch. 10): GET after GET from the last seq seen.
// A long poll is held by the server until there is news; a plain poll asks again after a pause.

import { authHeaders, guestName, postMessage, roomUrl } from './http.js';

const POLL_PAUSE_MS = 2000;
const LONG_POLL_WAIT_S = 25;

export function connectLongPolling(position, events) {
  return connectPolling(position, events, { name: 'long-polling', wait: LONG_POLL_WAIT_S });
}

export function connectPlainPolling(position, events) {
  return connectPolling(position, events, { name: 'polling', wait: null });
}

function connectPolling({ room, name, since, epoch, access }, events, mode) {
  const me = name || guestName();
  const abort = new AbortController();
  let position = { since, epoch };

  async function get(url) {
    events.wire?.('→', `GET ${url.pathname}${url.search}`);
    const response = await fetch(url, { signal: abort.signal, headers: authHeaders(access) });
    events.wire?.('↓', `${response.status}`);
    if (!response.ok && response.status !== 204) throw new Error(`HTTP ${response.status}`);
    return response.status === 204 ? null : response.json();
  }

  async function run() {
    const info = await get(roomUrl(room));
    events.open();
    const claims = access?.claims() ?? {};
    events.event({ type: 'welcome', text: 'Welcome', room, name: access ? access.displayName() : me, uid: claims.sub, exp: claims.exp, lastSeq: info.lastSeq, epoch: info.epoch, online: info.online, timestamp: Date.now() });
    for (;;) {
      const answer = await get(roomUrl(room, '/messages', { since: position.since, epoch: position.epoch, wait: mode.wait }));
      if (answer) {
        if (answer.gap) events.event({ ...answer.gap, type: 'gap' });
        for (const message of answer.messages) {
          events.event(message);
          position = { since: message.seq, epoch: answer.epoch };
        }
        if (position.since == null) position = { since: answer.lastSeq, epoch: answer.epoch };
      }
      if (!mode.wait) await pause(POLL_PAUSE_MS, abort.signal);
    }
  }

  run().catch(() => {
    if (!abort.signal.aborted) events.close({});
  });

  return {
    name: mode.name,
    send: (message) => postMessage(room, me, message, events.wire, access),
    close: () => abort.abort(),
  };
}

function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    }, { once: true });
  });
}
