import { ChatSession } from './session.js';
import { ChatView } from './view.js';
import { transportFor } from './transports/index.js';

const view = new ChatView(document);
const joinForm = document.getElementById('join');
const composer = document.getElementById('composer');
const messageBox = document.getElementById('message');
const sendButton = document.getElementById('send');
let session = null;

const params = new URLSearchParams(location.search);
for (const field of ['name', 'room', 'transport']) {
  if (params.has(field)) document.getElementById(field).value = params.get(field);
}

joinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  session?.stop();
  view.clear();
  const room = document.getElementById('room').value.trim() || 'lobby';
  const name = document.getElementById('name').value.trim();
  session = new ChatSession({
    room,
    name,
    connect: transportFor(document.getElementById('transport').value),
    listener: {
      state: (kind, text) => {
        view.state(kind, text);
        const ready = kind === 'open';
        messageBox.disabled = !ready && kind !== 'reconnecting';
        sendButton.disabled = messageBox.disabled;
      },
      welcome: (welcome, transport) => {
        view.notice(`Welcome to ${welcome.room}, ${welcome.name} (${transport})`, 'welcome', welcome.timestamp);
        loadOnline(welcome.room, welcome.online);
        messageBox.focus();
      },
      message: (message, mine) => view.message(message, mine),
      presence: (event) => view.presence(event),
      gap: (gap) => view.notice(gap.reset
        ? 'The room restarted its history; earlier messages are gone.'
        : `Messages ${gap.from}–${gap.to} are no longer available.`, 'gap'),
      problem: (text) => view.notice(text, 'error'),
    },
  });
  session.start();
});

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = messageBox.value;
  if (!session || !text.trim()) return;
  session.send(text);
  messageBox.value = '';
  messageBox.focus();
});

async function loadOnline(room, online) {
  try {
    const response = await fetch(`/api/rooms/${encodeURIComponent(room)}`);
    if (response.ok) view.setOnline((await response.json()).names, online);
  } catch {
    view.setOnline([], online);
  }
}

document.getElementById('name').focus();
