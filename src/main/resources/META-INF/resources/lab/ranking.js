// The four side by side, measured live: average latency from send to arrival, and what each delivered
// message cost in requests and in bytes received. Sorted by latency; the best of each column is marked.

import { text } from './texts.js';

const COLUMNS = [
  { key: 'latency', unit: 'msUnit', of: (s) => s.latency },
  { key: 'requests', unit: null, of: (s) => (s.delivered ? s.requests / s.delivered : null) },
  { key: 'bytes', unit: 'bytesUnit', of: (s) => (s.delivered ? s.bytes / s.delivered : null) },
];

export function renderRanking(table, panes) {
  const body = table.tBodies[0];
  const stats = panes.map((pane) => pane.stats());
  if (!stats.some((s) => s.delivered)) {
    const row = body.insertRow();
    body.replaceChildren(row);
    const cell = row.insertCell();
    cell.colSpan = 4;
    cell.className = 'waiting';
    cell.textContent = text('rankingEmpty');
    return;
  }
  const best = COLUMNS.map((column) => Math.min(...stats.map(column.of).filter((value) => value != null)));
  stats.sort((a, b) => (a.latency ?? Infinity) - (b.latency ?? Infinity));
  body.replaceChildren(...stats.map((s) => {
    const row = document.createElement('tr');
    row.dataset.technique = s.technique;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = text(s.technique);
    row.append(name);
    COLUMNS.forEach((column, index) => {
      const value = column.of(s);
      const cell = row.insertCell();
      cell.dataset.column = column.key;
      cell.textContent = value == null ? '–' : `${format(value)}${column.unit ? ` ${text(column.unit)}` : ''}`;
      if (value != null && value === best[index]) cell.classList.add('best');
    });
    return row;
  }));
}

function format(value) {
  return value >= 100 ? Math.round(value).toLocaleString() : value.toFixed(value >= 10 ? 1 : 2);
}
