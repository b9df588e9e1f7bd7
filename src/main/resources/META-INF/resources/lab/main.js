// The lab: four members of one room, one per technique, and one box that sends into the room. Each pane
// shows its own wire; the table compares what the four paid for the same messages.

import { Pane } from './pane.js';
import { startPolling } from './polling.js';
import { startSse } from './sse.js';
import { startWebSocket } from './websocket.js';
import { renderRanking } from './ranking.js';
import { applyTexts, initialLanguage, rememberLanguage, setLanguage } from './texts.js';

const params = new URLSearchParams(location.search);
const room = /^[a-z0-9][a-z0-9_-]{0,63}$/.test(params.get('room') ?? '') ? params.get('room') : `lab-${Math.random().toString(36).slice(2, 8)}`;
const languageBox = document.getElementById('language');
const form = document.getElementById('send-form');
const messageBox = document.getElementById('lab-message');
const intervalBox = document.getElementById('poll-interval');
const waitBox = document.getElementById('long-poll-wait');
const table = document.getElementById('ranking');
const sentAt = new Map(); // ref -> when the lab sent it (performance.now())

setLanguage(initialLanguage());
languageBox.value = document.documentElement.lang;
applyTexts(document);
document.getElementById('lab-room').textContent = room;

const pane = (id) => new Pane(document.getElementById(id));
const panes = [pane('pane-polling'), pane('pane-long-polling'), pane('pane-sse'), pane('pane-websocket')];
const [polling, longPolling, sse, websocket] = panes;
const timing = { pollIntervalMs: Number(intervalBox.value), longPollWaitS: Number(waitBox.value) };
const pollingChat = startPolling(polling, { room, name: 'polling', long: false, ...timing });
const longPollingChat = startPolling(longPolling, { room, name: 'long polling', long: true, ...timing });
const websocketChat = startWebSocket(websocket, { room, name: 'websocket' });
const clients = [[polling, pollingChat], [longPolling, longPollingChat], [sse, startSse(sse, { room, name: 'sse' })],
  [websocket, websocketChat]];

for (const [where, chat] of clients) {
  where.state(chat.state.state);
  chat.on('message', (message) => {
    const at = sentAt.get(message.ref);
    if (at == null) return;
    where.arrived(message.ref, Math.round(performance.now() - at));
    renderRanking(table, panes);
  });
}
renderRanking(table, panes);

// The WebSocket member says it, so its pane shows a frame going up too; every pane times the message
// from this moment to its arrival there.
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const body = messageBox.value.trim();
  if (!body) return;
  const sending = websocketChat.send(body);
  sentAt.set(sending.ref, performance.now());
  sending.catch(() => {});
  messageBox.value = '';
  messageBox.focus();
});

intervalBox.addEventListener('change', () => {
  if (!intervalBox.checkValidity()) return;
  pollingChat.pollIntervalMs = Number(intervalBox.value);
});
waitBox.addEventListener('change', () => {
  if (!waitBox.checkValidity()) return;
  longPollingChat.longPollWaitS = Number(waitBox.value);
});

languageBox.addEventListener('change', () => {
  setLanguage(languageBox.value);
  rememberLanguage(languageBox.value);
  applyTexts(document);
  for (const [where, chat] of clients) where.state(chat.state.state);
  for (const where of panes) where.render();
  renderRanking(table, panes);
});

messageBox.focus();
