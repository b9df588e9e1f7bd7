// One technique's pane: its counters, its log of what went over the wire, and when each of the lab's
// messages reached it. The counters are also on the section's data-* attributes, for tests and tools.

import { text } from './texts.js';

const MAX_LOG = 300;

export class Pane {
  constructor(section) {
    this.section = section;
    this.technique = section.dataset.technique;
    this.logList = section.querySelector('.log');
    this.stateLine = section.querySelector('.pane-state');
    this.counts = { requests: 0, empty: 0, bytes: 0, delivered: 0 };
    this.latencies = [];
    this.render();
  }

  request() {
    this.add('requests', 1);
  }

  bytes(count) {
    this.add('bytes', count);
  }

  emptyAnswer() {
    this.add('empty', 1);
  }

  add(counter, amount) {
    this.counts[counter] += amount;
    this.render();
  }

  state(kind) {
    this.section.dataset.state = kind;
    this.stateLine.textContent = text(kind === 'open' ? 'live' : kind === 'reconnecting' ? 'away' : 'connecting');
  }

  // One of the lab's own messages reached this member, `ms` after it was sent.
  arrived(ref, ms) {
    this.latencies.push(ms);
    this.add('delivered', 1);
    this.section.querySelector('[data-count="latency"]').textContent = `${ms} ${text('msUnit')}`;
    const entry = this.log('arrival', text('arrived', ms));
    entry.dataset.ref = ref;
  }

  // Appends a line (and optional detail lines) to the log; returns the entry so it can be completed later.
  log(kind, line, details = []) {
    const entry = document.createElement('li');
    entry.className = kind;
    const head = document.createElement('span');
    head.className = 'line';
    head.textContent = `${clock()} ${line}`;
    entry.append(head);
    for (const detail of details) entry.append(detailLine(detail));
    const atBottom = this.logList.scrollHeight - this.logList.scrollTop - this.logList.clientHeight < 32;
    this.logList.append(entry);
    while (this.logList.childElementCount > MAX_LOG) this.logList.firstElementChild.remove();
    if (atBottom) this.logList.scrollTop = this.logList.scrollHeight;
    return entry;
  }

  stats() {
    const { requests, bytes, delivered } = this.counts;
    const latency = this.latencies.length ? this.latencies.reduce((a, b) => a + b, 0) / this.latencies.length : null;
    return { technique: this.technique, requests, bytes, delivered, latency };
  }

  render() {
    for (const [counter, value] of Object.entries(this.counts)) {
      this.section.dataset[counter] = String(value);
      const shown = this.section.querySelector(`[data-count="${counter}"]`);
      if (shown) shown.textContent = counter === 'bytes' ? `${value.toLocaleString()} ${text('bytesUnit')}` : String(value);
    }
  }
}

export function detailLine(body) {
  const line = document.createElement('span');
  line.className = 'detail';
  line.textContent = body;
  return line;
}

function clock() {
  const now = new Date();
  return `${String(now.getMinutes()).padStart(2, '0')}:${String(now.getSeconds()).padStart(2, '0')}.${String(now.getMilliseconds()).padStart(3, '0')}`;
}
