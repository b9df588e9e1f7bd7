// A chat session: keeps its place in the room (epoch + last seq), reconnects with exponential backoff and
// full jitter, resumes where it left off, and sends again whatever the server has not acknowledged yet.
// In token mode it also fetches a fresh token before the current one expires and hands it to the
// connection (a refresh frame on a WebSocket; the next request or stream on the HTTP transports).

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 15000;

export class ChatSession {
  constructor({ room, name, connect, listener, access = null }) {
    this.access = access;
    this.uid = null;
    this.refreshTimer = null;
    this.room = room;
    this.name = name;
    this.connectTransport = connect;
    this.listener = listener;
    this.lastSeq = null;
    this.epoch = null;
    this.replayUntil = 0;
    this.attempt = 0;
    this.pending = new Map(); // ref -> text, until the server echoes it back
    this.transport = null;
    this.stopped = false;
    this.timer = null;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.refreshTimer);
    this.transport?.close();
    this.transport = null;
    this.listener.state('idle', 'Not connected');
  }

  send(text) {
    const ref = crypto.randomUUID ? crypto.randomUUID().slice(0, 18) : String(Math.random()).slice(2, 20);
    this.pending.set(ref, text);
    this.transmit(ref, text);
    return ref;
  }

  transmit(ref, text) {
    if (!this.live) return; // sent again once the session is back
    this.transport.send({ text, ref }).catch((error) => {
      // A refusal (4xx) is final; anything else is sent again after the next reconnect.
      const refused = error.status >= 400 && error.status < 500;
      if (refused) this.pending.delete(ref);
      this.listener.problem(error.message, refused ? ref : null);
    });
  }

  open() {
    this.live = false;
    this.listener.state(this.attempt === 0 ? 'connecting' : 'reconnecting', this.attempt === 0 ? 'Connecting…' : 'Reconnecting…');
    const transport = this.connectTransport(
      { room: this.room, name: this.name, since: this.lastSeq, epoch: this.epoch, access: this.access },
      {
        open: () => {},
        event: (event) => this.receive(event),
        close: () => this.closed(transport),
        wire: this.listener.wire,
      },
    );
    this.transport = transport;
  }

  closed(transport) {
    if (transport !== this.transport || this.stopped) return;
    this.live = false;
    const delay = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 10);
    this.listener.state('reconnecting', `Reconnecting in ${(delay / 1000).toFixed(1)} s`);
    this.timer = setTimeout(() => this.open(), delay);
  }

  receive(event) {
    switch (event.type) {
      case 'welcome':
        if (this.epoch && event.epoch !== this.epoch) this.lastSeq = null;
        this.epoch = event.epoch;
        this.name = event.name;
        this.uid = event.uid ?? null;
        if (event.exp) this.refreshBefore(event.exp);
        this.replayUntil = event.lastSeq;
        this.attempt = 0;
        this.listener.welcome(event, this.transport.name);
        this.listener.state('open', `Connected · ${this.transport.name}`);
        this.goLiveIfReplayed();
        break;
      case 'message':
        if (this.lastSeq != null && event.seq <= this.lastSeq) return;
        this.lastSeq = event.seq;
        if (event.ref && this.isMine(event)) this.pending.delete(event.ref);
        this.listener.message(event, this.isMine(event));
        this.goLiveIfReplayed();
        break;
      case 'delete':
        this.listener.deleted?.(event);
        break;
      case 'refreshed':
        this.refreshBefore(event.exp);
        break;
      case 'gap':
        if (event.reset) this.lastSeq = null;
        this.listener.gap(event);
        break;
      case 'join':
      case 'leave':
        this.listener.presence(event);
        break;
      case 'error':
        if (event.ref) this.pending.delete(event.ref);
        this.listener.problem(event.text || event.code, event.ref);
        break;
      default:
        break;
    }
  }

  // In token mode the verified uid says whose a message is; a display name may be shared.
  isMine(message) {
    return this.uid != null ? message.uid === this.uid : message.from === this.name;
  }

  refreshBefore(exp) {
    if (!this.access?.tokenUrl) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), this.access.refreshInSeconds(exp) * 1000);
  }

  async refresh() {
    try {
      const token = await this.access.refresh();
      if (this.stopped || !token) return;
      if (this.live && this.transport?.refresh) this.transport.refresh(token);
      else this.refreshBefore(this.access.claims().exp);
    } catch (error) {
      this.listener.problem(`Could not renew the session: ${error.message}`);
    }
  }

  // Messages not yet acknowledged are sent again only after the replay, which may already contain them.
  goLiveIfReplayed() {
    if (this.live || (this.lastSeq ?? 0) < this.replayUntil) return;
    this.live = true;
    for (const [ref, text] of this.pending) this.transmit(ref, text);
  }
}
