// An EventSource read through fetch(), so the page sees what EventSource hides: the response head and
// every raw line of the stream. It parses the stream as the HTML standard says (id:, event:, data:,
// retry:, comments) and reconnects as EventSource does: after `retry` ms, sending Last-Event-ID.

const DEFAULT_RETRY_MS = 3000;

export function eventSourceWatchedBy(watcher) {
  return class WatchedEventSource extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.watcher = watcher;
      this.lastEventId = '';
      this.retryMs = DEFAULT_RETRY_MS;
      this.closed = false;
      this.connection = null;
      watcher.source = this;
      this.connect();
    }

    async connect() {
      const abort = new AbortController();
      this.connection = abort;
      const headers = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
      if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
      this.watcher.request(this.url, headers);
      try {
        const response = await fetch(this.url, { headers, signal: abort.signal });
        this.watcher.head(response);
        if (!response.ok || !response.headers.get('Content-Type')?.startsWith('text/event-stream')) {
          this.fail();
          return;
        }
        this.dispatchEvent(new Event('open'));
        await this.read(response.body);
        // The server ended the stream: EventSource connects again.
        if (!abort.signal.aborted) this.reconnect();
      } catch {
        if (!abort.signal.aborted) this.reconnect();
      }
    }

    async read(body) {
      const reader = body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let event = { type: '', data: [], id: null };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        this.watcher.bytes(new TextEncoder().encode(value).byteLength);
        buffer += value;
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop();
        for (const line of lines) {
          this.watcher.line(line);
          event = this.field(line, event);
        }
      }
    }

    // One line of the stream; a blank line dispatches the event gathered so far.
    field(line, event) {
      if (line === '') {
        if (event.id != null) this.lastEventId = event.id;
        if (event.data.length) {
          this.dispatchEvent(new MessageEvent(event.type || 'message', { data: event.data.join('\n'), lastEventId: this.lastEventId }));
        }
        return { type: '', data: [], id: null };
      }
      if (line.startsWith(':')) return event;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'data') event.data.push(value);
      else if (name === 'event') event.type = value;
      else if (name === 'id' && !value.includes('\0')) event.id = value;
      else if (name === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
      return event;
    }

    // What the network does to a stream, done on purpose: the connection goes, the browser comes back.
    drop() {
      if (this.closed) return;
      this.connection?.abort();
      this.watcher.dropped(this.retryMs);
      this.reconnect();
    }

    reconnect() {
      if (this.closed) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.connect(), this.retryMs);
    }

    fail() {
      this.close();
      this.dispatchEvent(new Event('error'));
    }

    close() {
      this.closed = true;
      clearTimeout(this.timer);
      this.connection?.abort();
    }
  };
}
