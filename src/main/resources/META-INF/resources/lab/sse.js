// The Server-Sent Events pane: the chat client on SSE, over an EventSource that shows its response head
// and raw lines, and a button that drops the connection to show Last-Event-ID resuming without a gap.

import { connect } from '../client/chat.js';
import { text } from './texts.js';
import { eventSourceWatchedBy } from './event-stream.js';

export function startSse(pane, { room, name }) {
  const watcher = new StreamWatcher(pane);
  const chat = connect({ room, name, transport: 'sse', EventSource: eventSourceWatchedBy(watcher) });
  chat.on('state', (state) => pane.state(state.state));
  const drop = pane.section.querySelector('.drop');
  drop.addEventListener('click', () => watcher.source?.drop());
  return chat;
}

class StreamWatcher {
  constructor(pane) {
    this.pane = pane;
    this.headBox = pane.section.querySelector('.head');
    this.source = null;
    this.lastId = null;
    this.resumedAfter = null;
    this.resumes = 0;
    this.gaps = 0;
  }

  request(url, headers) {
    const target = new URL(url, location.href);
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    this.pane.log('out', `→ GET ${target.pathname}${target.search}`, lines);
    this.pane.request();
    if (headers['Last-Event-ID']) {
      this.resumedAfter = Number(headers['Last-Event-ID']);
      this.pane.log('note', text('resumed', headers['Last-Event-ID']));
    }
  }

  head(response) {
    const lines = [`HTTP ${response.status} ${response.statusText}`.trim()];
    response.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
    this.headBox.textContent = lines.join('\n');
    this.pane.log('in', `← ${response.status} ${response.headers.get('Content-Type') ?? ''}`);
  }

  bytes(count) {
    this.pane.bytes(count);
  }

  line(line) {
    const kind = line === '' ? 'blank' : line.startsWith(':') ? 'comment' : line.slice(0, Math.max(0, line.indexOf(':'))) || 'field';
    const entry = this.pane.log(`raw raw-${kind}`, line === '' ? '⏎' : line);
    if (kind === 'id') this.checkOrder(Number(line.slice(3).trim()), entry);
  }

  // Message ids are the room's seq: on one stream, and across a resume, each is one more than the last.
  checkOrder(id, entry) {
    if (this.resumedAfter != null) {
      const expected = this.resumedAfter + 1;
      const whole = id === expected;
      if (!whole) this.gaps += 1;
      this.resumes += 1;
      this.pane.section.dataset.resumes = String(this.resumes);
      this.pane.section.dataset.resumedFrom = String(this.resumedAfter);
      this.pane.section.dataset.resumedTo = String(id);
      this.pane.log(whole ? 'note ok' : 'note bad', whole ? text('noGap', this.resumedAfter, id) : text('gapSeen', expected, id));
      this.resumedAfter = null;
    } else if (this.lastId != null && id !== this.lastId + 1) {
      this.gaps += 1;
      entry.classList.add('bad');
    }
    this.pane.section.dataset.gaps = String(this.gaps);
    this.lastId = id;
  }

  dropped(retryMs) {
    this.pane.log('note', text('dropped', retryMs));
  }
}
