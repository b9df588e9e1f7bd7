// Messages sent and not yet stored. Each waits under its ref until the server answers: the stored
// message (its echo on the stream, or a POST's 201) settles it, a refusal rejects it, and a message
// the server could not take right now (unavailable, rate limited) is tried again a few times first.

import { ChatError } from './error.js';

const RETRYABLE = new Set(['unavailable', 'rate_limited']);
const RETRY_BASE_MS = 500;
// A server that asks to wait longer than this gets a rejection instead: the caller decides.
const RETRY_AFTER_CAP_MS = 10_000;

export class Outbox {
  constructor(retries) {
    this.retries = retries;
    this.waiting = new Map(); // ref -> { text, resolve, reject, tries, timer }
  }

  add(text) {
    const ref = newRef();
    const settled = new Promise((resolve, reject) => {
      this.waiting.set(ref, { ref, text, resolve, reject, tries: 0, timer: null });
    });
    return { ref, settled };
  }

  has(ref) {
    return this.waiting.has(ref);
  }

  // Everything to send again after a reconnect, except what waits for its retry.
  unsent() {
    return [...this.waiting.values()].filter((entry) => entry.timer == null);
  }

  stored(message) {
    const entry = this.take(message.ref);
    entry?.resolve(message);
    return entry != null;
  }

  // A refusal: retried later (by `again`) when it is one that passes, rejected when it is final, the
  // retries are spent, or the server's Retry-After is longer than a send should hang.
  refused(ref, code, text, again, retryAfterMs = 0) {
    const entry = this.waiting.get(ref);
    if (!entry) return;
    if (RETRYABLE.has(code) && entry.tries < this.retries && retryAfterMs <= RETRY_AFTER_CAP_MS) {
      const backoff = RETRY_BASE_MS * 2 ** entry.tries;
      entry.tries += 1;
      const delay = Math.max(retryAfterMs, backoff / 2 + Math.random() * backoff / 2);
      entry.timer = setTimeout(() => {
        entry.timer = null;
        if (this.waiting.has(ref)) again(entry);
      }, delay);
      return;
    }
    this.take(ref).reject(new ChatError(code, text, ref));
  }

  rejectAll(code, text) {
    for (const entry of [...this.waiting.values()]) this.take(entry.ref).reject(new ChatError(code, text, entry.ref));
  }

  take(ref) {
    const entry = this.waiting.get(ref);
    if (!entry) return null;
    clearTimeout(entry.timer);
    this.waiting.delete(ref);
    return entry;
  }
}

function newRef() {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return random.replace(/-/g, '').slice(0, 20);
}
