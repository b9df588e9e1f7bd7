import { ChatSession } from './session.js';
import { ChatView } from './view.js';
import { transportFor } from './transports/index.js';
import { nameProblem, roomProblem } from './rules.js';
import { loadAccess } from './access.js';

const view = new ChatView(document);
const joinForm = document.getElementById('join');
const nameBox = document.getElementById('name');
const roomBox = document.getElementById('room');
const joinProblem = document.getElementById('join-problem');
const composer = document.getElementById('composer');
const messageBox = document.getElementById('message');
const sendButton = document.getElementById('send');
const PLACEHOLDER_ONLINE = messageBox.placeholder;
const PLACEHOLDER_AWAY = 'Offline: sent once back';
let session = null;

let access = null;

// In token mode the name is the token's, shown and not editable; the server stamps it on every message.
const accessReady = loadAccess().then((found) => {
  access = found;
  if (!access) return;
  nameBox.value = access.displayName();
  nameBox.readOnly = true;
  nameBox.title = 'Your name, from your sign-in';
  if (!access.token) {
    joinProblem.hidden = false;
    joinProblem.textContent = 'This chat needs a sign-in: open it from your application.';
  }
});

const params = new URLSearchParams(location.search);
for (const field of ['name', 'room', 'transport']) {
  if (params.has(field)) document.getElementById(field).value = params.get(field);
}

joinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  await accessReady;
  const name = nameBox.value.trim();
  const room = roomBox.value.trim() || 'lobby';
  if (!acceptable(name, room)) return;
  session?.stop();
  view.clear();
  session = startSession(room, access ? '' : name, document.getElementById('transport').value);
});

// Shows the first rule the form breaks next to the form, and puts the cursor where the fix goes.
function acceptable(name, room) {
  const problems = [[nameBox, access ? null : nameProblem(name)], [roomBox, roomProblem(room)]];
  for (const [box, problem] of problems) {
    if (problem) box.setAttribute('aria-invalid', 'true');
    else box.removeAttribute('aria-invalid');
  }
  const [box, problem] = problems.find(([, text]) => text != null) ?? [];
  joinProblem.hidden = !problem;
  joinProblem.textContent = problem ?? '';
  box?.focus();
  return !problem;
}

function startSession(room, name, transport) {
  let focusOnOpen = true;
  let away = false;
  const chat = new ChatSession({
    room,
    name,
    access,
    connect: transportFor(transport),
    listener: {
      state: (kind, text) => {
        view.state(kind, text);
        // While reconnecting the box stays usable: the session keeps what is typed and sends it once back.
        const usable = kind === 'open' || kind === 'reconnecting';
        messageBox.disabled = !usable;
        sendButton.disabled = !usable;
        messageBox.placeholder = kind === 'reconnecting' ? PLACEHOLDER_AWAY : PLACEHOLDER_ONLINE;
        if (kind === 'reconnecting' && !away) {
          away = true;
          view.notice('Connection lost. Reconnecting…', 'connection');
        }
        if (kind === 'open' && focusOnOpen) {
          focusOnOpen = false;
          messageBox.focus();
        }
      },
      welcome: (welcome, transportName) => {
        view.notice(away ? `Back in ${welcome.room} (${transportName})` : `Welcome to ${welcome.room}, ${welcome.name} (${transportName})`,
          'welcome', welcome.timestamp);
        away = false;
        loadOnline(welcome.room, welcome.online);
      },
      message: (message, mine) => view.message(message, mine),
      deleted: (deletion) => view.deleted(deletion.seq),
      presence: (event) => view.presence(event),
      gap: (gap) => view.notice(gap.reset
        ? 'The room restarted its history; earlier messages are gone.'
        : `Messages ${gap.from}–${gap.to} are no longer available.`, 'gap'),
      problem: (text, ref) => {
        if (ref) view.notSent(ref);
        view.notice(text, 'error');
      },
      wire: (direction, text) => view.wire(direction, text),
    },
  });
  chat.start();
  return chat;
}

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = messageBox.value;
  if (!session || !text.trim()) return;
  view.sending(session.send(text), text);
  messageBox.value = '';
  messageBox.focus();
});

async function loadOnline(room, online) {
  try {
    const headers = access ? { Authorization: `Bearer ${access.token}` } : {};
    const response = await fetch(`/api/rooms/${encodeURIComponent(room)}`, { headers });
    if (response.ok) view.setOnline((await response.json()).names, online);
  } catch {
    view.setOnline([], online);
  }
}

nameBox.focus();
