// Polling (lecture ch. 9) and long polling (ch. 10): GET after GET from the last seq seen.
// A long poll is held by the server until there is news; a plain poll asks again after a pause.

import { authHeaders, guestName, patchMessage, postMessage, postReaction, postRead, postTyping, roomUrl } from './http.js';
import { SeenEdits } from '../edits.js';
import { tokenClaims } from '../token.js';

export const POLL_INTERVAL_MS = 2000;
export const LONG_POLL_WAIT_S = 25;

export function openLongPolling(ctx, events) {
  return openPolling(ctx, events, { name: 'long-polling', long: true });
}

export function openPlainPolling(ctx, events) {
  return openPolling(ctx, events, { name: 'polling', long: false });
}

function openPolling(ctx, events, mode) {
  const { room } = ctx;
  const me = ctx.name || guestName();
  const abort = new AbortController();
  let position = { since: ctx.since, epoch: ctx.epoch };
  const seenEdits = new SeenEdits();
  // The counts last reported per message: a poll repeats the counts of every message it held that anyone
  // reacted to, and only a change is news.
  const counts = new Map();
  function reactions(seq, current) {
    const json = JSON.stringify(current ?? {});
    if ((counts.get(seq) ?? '{}') === json) return;
    counts.set(seq, json);
    events.event({ type: 'reactions', room, seq, reactions: current ?? {} });
  }

  async function get(url) {
    ctx.wire('→', `GET ${url.pathname}${url.search}`);
    const response = await ctx.env.fetch(url, { signal: abort.signal, headers: authHeaders(ctx.token()) });
    ctx.wire('↓', `${response.status}`);
    if (!response.ok && response.status !== 204) throw new Error(`HTTP ${response.status}`);
    return response.status === 204 ? null : response.json();
  }

  // Polling has no connection to be welcomed on, so the room's info stands in for the welcome; in token
  // mode it carries the user's read mark, which is how a poller learns it (a poll result has none).
  async function run() {
    const info = await get(roomUrl(ctx.base, room));
    events.open();
    const token = ctx.token();
    const claims = token ? tokenClaims(token) : {};
    const name = token ? claims.name || claims.preferred_username || claims.sub : me;
    events.event({
      type: 'welcome', text: 'Welcome', room, name, uid: claims.sub, exp: claims.exp,
      lastSeq: info.lastSeq, epoch: info.epoch, online: info.online, timestamp: Date.now(), read: info.read,
    });
    for (;;) {
      const { pollIntervalMs, longPollWaitS } = ctx.timing?.() ?? { pollIntervalMs: POLL_INTERVAL_MS, longPollWaitS: LONG_POLL_WAIT_S };
      const wait = mode.long ? longPollWaitS : null;
      const answer = await get(roomUrl(ctx.base, room, '/messages', { since: position.since, epoch: position.epoch, wait }));
      if (answer) {
        if (answer.gap) events.event({ ...answer.gap, type: 'gap' });
        for (const message of answer.messages) {
          seenEdits.saw(message);
          counts.set(message.seq, JSON.stringify(message.reactions ?? {}));
          events.event(message);
          position = { since: message.seq, epoch: answer.epoch };
        }
        // Each poll names the current edit of every message held; only a newer one is news.
        for (const edit of answer.edited ?? []) {
          if (seenEdits.isNew(edit)) events.event(edit);
        }
        for (const [seq, current] of Object.entries(answer.reactions ?? {})) reactions(Number(seq), current);
        if (position.since == null) position = { since: answer.lastSeq, epoch: answer.epoch };
      }
      if (!mode.long) await pause(pollIntervalMs, abort.signal);
    }
  }

  run().catch(() => {
    if (!abort.signal.aborted) events.close({});
  });

  return {
    name: mode.name,
    send: (message) => postMessage(ctx, me, message),
    typing: () => postTyping(ctx, me),
    read: (seq) => postRead(ctx, seq),
    edit: (edit) => patchMessage(ctx, edit),
    // Told at once from the answer; the next poll then finds nothing new about it.
    react: (seq, emoji) => postReaction(ctx, me, seq, emoji).then((answer) => {
      reactions(answer.seq, answer.reactions);
      return answer;
    }),
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
