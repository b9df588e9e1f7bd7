// The chat client: one object per room. It keeps its place in the room (epoch + last seq), reconnects
// with exponential backoff and full jitter, resumes where it left off on whichever transport it is on,
// and sends again whatever the server has not stored yet. With a token provider it fetches a fresh
// token before the current one expires and hands it to the connection (a refresh frame on a
// WebSocket; the next request or stream on the HTTP transports).

import { transportFor } from './transports/index.js';
import { LONG_POLL_WAIT_S, POLL_INTERVAL_MS } from './transports/polling.js';
import { Outbox } from './outbox.js';
import { ChatError } from './error.js';
import { PendingEdits } from './edits.js';
import { TokenSource, refreshDelayMs, tokenClaims } from './token.js';

export { ChatError, tokenClaims };

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 15000;
const SEND_RETRIES = 3;
// The server relays a sender's typing at most once per chat.typing.interval (2 s); more would be dropped.
const TYPING_EVERY_MS = 2000;

export function connect(options) {
  const client = new ChatClient(options);
  client.start();
  return client;
}

export class ChatClient {
  constructor({ url, room = 'lobby', name = '', token = null, transport = 'auto', sendRetries = SEND_RETRIES,
    pollIntervalMs = POLL_INTERVAL_MS, longPollWaitS = LONG_POLL_WAIT_S, handshake = false,
    WebSocket = globalThis.WebSocket, EventSource = globalThis.EventSource, fetch = globalThis.fetch } = {}) {
    this.base = baseUrl(url);
    this.room = room;
    this.name = name;
    this.tokens = new TokenSource(token);
    this.env = { WebSocket, EventSource, fetch: fetch?.bind(globalThis) };
    this.openTransport = transportFor(transport);
    this.outbox = new Outbox(sendRetries);
    this.edits = new PendingEdits();
    // Read before each poll, so a change applies from the next request on.
    this.pollIntervalMs = pollIntervalMs;
    this.longPollWaitS = longPollWaitS;
    this.handshake = handshake;
    this.listeners = new Map();
    this.uid = null;
    this.lastSeq = null;
    this.epoch = null;
    this.replayUntil = 0;
    this.attempt = 0;
    this.live = false;
    this.transport = null;
    this.stopped = true;
    this.timer = null;
    this.refreshTimer = null;
    this.currentState = { state: 'idle' };
    this.typedAt = 0;
    this.readMark = null;
    this.readSent = 0;
  }

  // Listens for 'message', 'presence', 'typing', 'read', 'edit', 'reactions', 'gap', 'delete', 'state', 'error', 'wire' or 'handshake';
  // returns a function that stops.
  on(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this.listeners.get(type)?.delete(listener);
  }

  emit(type, ...args) {
    for (const listener of this.listeners.get(type) ?? []) listener(...args);
  }

  get state() {
    return this.currentState;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  // Closes the connection for good; sends still waiting are rejected with code 'closed'.
  close() {
    this.stopped = true;
    this.live = false;
    clearTimeout(this.timer);
    clearTimeout(this.refreshTimer);
    this.transport?.close();
    this.transport = null;
    this.outbox.rejectAll('closed', 'the client was closed');
    this.edits.rejectAll('closed', 'the client was closed');
    this.changeState({ state: 'closed' });
  }

  // Resolves with the stored message; while away it waits and is sent once the client is back.
  send(text) {
    const { ref, settled } = this.outbox.add(text);
    this.transmit(this.outbox.waiting.get(ref));
    return Object.assign(settled, { ref });
  }

  // Tells the room this client is typing, at most once per interval: call it on every keystroke. Others on
  // a WebSocket or an event stream receive 'typing'; the polling transports send it but hear none.
  typing() {
    const now = Date.now();
    if (!this.live || !this.transport?.typing || now - this.typedAt < TYPING_EVERY_MS) return;
    this.typedAt = now;
    this.transport.typing();
  }

  // Token mode: marks the room read up to seq. Only forward: a seq at or below the mark is not sent. The
  // server writes a user's mark at most once per second and coalesces the rest, so calling it often is fine.
  async read(seq) {
    if (!this.live || !this.transport?.read || seq <= Math.max(this.readMark ?? 0, this.readSent)) return;
    this.readSent = seq;
    try {
      await this.transport.read(seq);
    } catch (error) {
      throw new ChatError(error.code ?? 'unavailable', error.message);
    }
  }

  // Gives one of this user's messages (a moderator: any) a new text; resolves with the room's `edit`. Over a
  // WebSocket it is a frame; the HTTP transports PATCH it, which in open mode the server refuses (forbidden):
  // there only the socket that posted a message may edit it. Not queued while away: it rejects with 'offline'.
  edit(seq, text) {
    if (!this.live || !this.transport?.edit) return Promise.reject(new ChatError('offline', 'not connected'));
    const { ref, settled } = this.edits.add(seq);
    this.transport.edit({ seq, text, ref }).then((edit) => {
      if (edit) this.edits.edited(edit);
    }, (error) => this.edits.refused(ref, error.code ?? 'unavailable', error.message));
    return settled;
  }

  // Toggles this client's reaction to message seq: everyone in the room, this client too, then receives
  // 'reactions' with the message's counts. Over HTTP it resolves with those counts; over a WebSocket once the
  // frame is out, and a refusal arrives as an 'error' event. Refused while not connected.
  react(seq, emoji) {
    if (!this.live || !this.transport?.react) {
      return Promise.reject(new ChatError('offline', 'not connected: the reaction was not sent'));
    }
    return this.transport.react(seq, emoji);
  }

  transmit(entry) {
    if (!this.live) return; // sent again once the client is back
    // A POST answers with the stored message; it is shown when it arrives on the stream, in its place.
    this.transport.send({ text: entry.text, ref: entry.ref }).then((stored) => {
      if (stored) this.outbox.stored(stored);
    }, (error) => {
      // Without a status the request never reached an answer: it is sent again after the next reconnect.
      if (error.status) this.outbox.refused(entry.ref, error.code, error.message, (again) => this.transmit(again), error.retryAfterMs);
    });
  }

  async open() {
    this.live = false;
    this.transport = null;
    this.changeState({ state: this.attempt === 0 ? 'connecting' : 'reconnecting', attempt: this.attempt });
    let token = null;
    try {
      token = await this.tokens.ready();
    } catch (error) {
      this.emit('error', new ChatError('token', `no token: ${error.message}`));
    }
    if (this.stopped) return;
    if (this.tokens.enabled && !token) {
      this.closed(null);
      return;
    }
    const ctx = {
      base: this.base, room: this.room, name: this.tokens.enabled ? '' : this.name, since: this.lastSeq, epoch: this.epoch,
      token: () => this.tokens.current, env: this.env, wire: (direction, text) => this.emit('wire', direction, text),
      handshake: this.handshake, timing: () => ({ pollIntervalMs: this.pollIntervalMs, longPollWaitS: this.longPollWaitS }),
    };
    const transport = this.openTransport(ctx, {
      open: () => {},
      event: (event) => {
        if (transport === this.transport) this.receive(event);
      },
      close: (info) => this.closed(transport, info),
    });
    this.transport = transport;
  }

  closed(transport, info = {}) {
    if (transport !== this.transport || this.stopped) return;
    this.live = false;
    const delay = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 10);
    this.changeState({ state: 'reconnecting', attempt: this.attempt, delayMs: Math.round(delay), code: info.code, reason: info.reason });
    this.timer = setTimeout(() => this.open(), delay);
  }

  receive(event) {
    switch (event.type) {
      case 'welcome':
        // A new epoch is a new history of the room: positions in the old one mean nothing there.
        if (this.epoch && event.epoch !== this.epoch) this.lastSeq = null;
        this.epoch = event.epoch;
        this.name = event.name;
        this.uid = event.uid ?? null;
        this.readMark = event.read ?? null;
        if (event.exp) this.refreshBefore(event.exp);
        this.replayUntil = event.lastSeq;
        this.attempt = 0;
        this.changeState({ state: 'open', transport: this.transport.name, welcome: event });
        this.goLiveIfReplayed();
        break;
      case 'message': {
        if (this.lastSeq != null && event.seq <= this.lastSeq) return;
        this.lastSeq = event.seq;
        const mine = this.isMine(event);
        if (event.ref && mine) this.outbox.stored(event);
        this.emit('message', event, { mine });
        this.goLiveIfReplayed();
        break;
      }
      case 'delete':
        this.emit('delete', event);
        break;
      case 'edit':
        this.edits.edited(event);
        this.emit('edit', event);
        break;
      case 'handshake':
        this.emit('handshake', event);
        break;
      case 'refreshed':
        this.refreshBefore(event.exp);
        break;
      case 'gap':
        if (event.reset) this.lastSeq = null;
        this.emit('gap', event);
        break;
      case 'join':
      case 'leave':
        this.emit('presence', event);
        break;
      case 'typing':
        this.emit('typing', event);
        break;
      case 'read':
        if (this.readMark == null || event.seq > this.readMark) this.readMark = event.seq;
        this.emit('read', event);
        break;
      case 'reactions':
        this.emit('reactions', event);
        break;
      case 'error':
        if (event.ref && this.edits.has(event.ref)) {
          this.edits.refused(event.ref, event.code, event.text);
        } else if (event.ref && this.outbox.has(event.ref)) {
          this.outbox.refused(event.ref, event.code, event.text, (again) => this.transmit(again));
        } else {
          this.emit('error', new ChatError(event.code, event.text, event.ref));
        }
        break;
      default:
        break;
    }
  }

  // In token mode the verified uid says whose a message is; a display name may be shared.
  isMine(message) {
    return this.uid != null ? message.uid === this.uid : message.from === this.name;
  }

  changeState(state) {
    this.currentState = state;
    this.emit('state', state);
  }

  refreshBefore(exp) {
    if (!this.tokens.renewable) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), refreshDelayMs(exp));
  }

  async refresh() {
    try {
      const token = await this.tokens.renew();
      if (this.stopped) return;
      // A WebSocket takes it in band and answers `refreshed`; the HTTP transports use it from the next request on.
      if (this.live && this.transport?.refresh) this.transport.refresh(token);
      else this.refreshBefore(tokenClaims(token).exp);
    } catch (error) {
      this.emit('error', new ChatError('token', `could not renew the token: ${error.message}`));
    }
  }

  // Messages not yet stored are sent again only after the replay, which may already contain them.
  goLiveIfReplayed() {
    if (this.live || (this.lastSeq ?? 0) < this.replayUntil) return;
    this.live = true;
    for (const entry of this.outbox.unsent()) this.transmit(entry);
  }
}

// The service's root, ending in '/', so paths resolve under it even when it is served below one.
function baseUrl(url) {
  const base = new URL(url ?? '/', globalThis.location?.href);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  base.search = '';
  base.hash = '';
  return base.href;
}
