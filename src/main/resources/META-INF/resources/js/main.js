import { connect } from '../client/chat.js';
import { ChatView } from './view.js';
import { nameProblem, roomProblem } from './rules.js';
import { loadAccess } from './access.js';
import { TypingLine } from './typing.js';
import { UnreadMarks } from './unread.js';
import { Editing } from './editing.js';
import { ReactionBars } from './reactions.js';
import { RoomList } from './rooms.js';

const view = new ChatView(document);
const typingLine = new TypingLine(document.getElementById('typing'));
const roomList = new RoomList(document, document.getElementById('rooms'), {
  open: (room) => {
    document.getElementById('room').value = room;
    document.getElementById('join').requestSubmit();
  },
  headers: () => (access?.token ? { Authorization: `Bearer ${access.token}` } : {}),
});
const unread = new UnreadMarks(document, document.getElementById('messages'), document.getElementById('unread-count'),
  (count) => roomList.currentCount(count));
const editing = new Editing(document);
const reactionBars = new ReactionBars(document, {
  react: (seq, emoji) => session?.react(seq, emoji),
  problem: (text) => view.notice(text, 'error'),
});
const joinForm = document.getElementById('join');
const nameBox = document.getElementById('name');
const roomBox = document.getElementById('room');
const joinProblem = document.getElementById('join-problem');
const composer = document.getElementById('composer');
const messageBox = document.getElementById('message');
const sendButton = document.getElementById('send');
const connectButton = document.getElementById('connect');
const signInLink = document.getElementById('sign-in');
const signOutLink = document.getElementById('sign-out');
const PLACEHOLDER_ONLINE = messageBox.placeholder;
const PLACEHOLDER_AWAY = 'Offline: sent once back';
let session = null;

let access = null;

const params = new URLSearchParams(location.search);
for (const field of ['name', 'room', 'transport']) {
  if (params.has(field)) document.getElementById(field).value = params.get(field);
}
// Back from the identity provider's login: straight into the room asked for.
const justSignedIn = location.hash === '#signed-in';
if (justSignedIn) history.replaceState(null, '', location.pathname + location.search);

// In token mode the name is the token's, shown and not editable; the server stamps it on every message.
const accessReady = loadAccess().then((found) => {
  access = found;
  if (!access) return;
  nameBox.value = access.displayName();
  nameBox.readOnly = true;
  nameBox.title = 'Your name, from your sign-in';
  nameBox.placeholder = 'from your sign-in';
  if (access.token) {
    signOutLink.hidden = !access.signOut;
    if (justSignedIn) joinForm.requestSubmit();
  } else if (access.signIn) {
    offerSignIn('Sign in to chat.');
  } else {
    joinProblem.hidden = false;
    joinProblem.textContent = 'This chat needs a sign-in: open it from your application.';
  }
});

function offerSignIn(why) {
  connectButton.hidden = true;
  signOutLink.hidden = true;
  signInLink.hidden = false;
  joinProblem.hidden = false;
  joinProblem.textContent = why;
}

// Signing in leaves the page: it comes back, signed in, to the room and transport chosen here.
signInLink.addEventListener('click', (event) => {
  const room = roomBox.value.trim() || 'lobby';
  if (roomProblem(room)) {
    event.preventDefault();
    acceptable('', room);
    return;
  }
  signInLink.href = access.signInUrl(room, document.getElementById('transport').value);
});

// Signing out ends the sessions, here and at the provider, and the server closes this person's connections.
signOutLink.addEventListener('click', () => session?.close());

joinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  await accessReady;
  const name = nameBox.value.trim();
  const room = roomBox.value.trim() || 'lobby';
  if (!acceptable(name, room)) return;
  session?.close();
  view.clear();
  typingLine.clear();
  unread.stop();
  roomList.stop();
  editing.stop();
  reactionBars.reset(room);
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

// The page is a view over the chat client, which keeps the place in the room, resumes, resends and renews.
function startSession(room, name, transport) {
  let focusOnOpen = true;
  let away = false;
  const chat = connect({ room, name, transport, token: access?.option() ?? null, handshake: true });
  chat.on('state', (state) => {
    showState(state);
    // While reconnecting the box stays usable: the client keeps what is typed and sends it once back.
    const usable = state.state === 'open' || state.state === 'reconnecting';
    messageBox.disabled = !usable;
    sendButton.disabled = !usable;
    messageBox.placeholder = state.state === 'reconnecting' ? PLACEHOLDER_AWAY : PLACEHOLDER_ONLINE;
    if (state.state === 'reconnecting' && !away) {
      away = true;
      view.notice('Connection lost. Reconnecting…', 'connection');
    }
    if (state.state === 'open') {
      const { welcome } = state;
      view.notice(away ? `Back in ${welcome.room} (${state.transport})` : `Welcome to ${welcome.room}, ${welcome.name} (${state.transport})`,
        'welcome', welcome.timestamp);
      away = false;
      if (welcome.uid) roomList.entered(welcome.room);
      unread.start(chat, welcome);
      loadOnline(welcome.room, welcome.online);
      if (focusOnOpen) {
        focusOnOpen = false;
        messageBox.focus();
      }
    }
  });
  chat.on('message', (message, { mine }) => {
    typingLine.stopped(message.from);
    if (unread.dividesBefore(message, mine)) view.unreadDivider();
    reactionBars.attach(view.message(message, mine), message);
  });
  chat.on('reactions', (event) => reactionBars.update(event.seq, event.reactions));
  chat.on('typing', (event) => typingLine.saw(event.name));
  chat.on('read', (mark) => unread.read(mark.seq));
  chat.on('delete', (deletion) => {
    view.deleted(deletion.seq);
    reactionBars.deleted(deletion.seq);
  });
  chat.on('edit', (edit) => view.edited(edit));
  chat.on('presence', (event) => view.presence(event));
  chat.on('gap', (gap) => view.notice(gap.reset
    ? 'The room restarted its history; earlier messages are gone.'
    : `Messages ${gap.from}–${gap.to} are no longer available.`, 'gap'));
  chat.on('error', (error) => {
    view.notice(error.message, 'error');
    if (error.code === 'token' && access?.signIn) offerSignIn('Your sign-in has ended: sign in again to go on.');
  });
  // The handshake frame is shown as the two HTTP heads it describes, not as its JSON.
  chat.on('wire', (direction, text) => {
    if (!text.startsWith('{"type":"handshake"')) view.wire(direction, text);
  });
  chat.on('handshake', (handshake) => view.handshake(handshake));
  return chat;
}

const STATE_TEXT = { idle: 'Not connected', connecting: 'Connecting…', closed: 'Not connected' };

function showState(state) {
  if (state.state === 'open') view.state('open', `Connected · ${state.transport}`);
  else if (state.state === 'reconnecting') {
    view.state('reconnecting', state.delayMs != null ? `Reconnecting in ${(state.delayMs / 1000).toFixed(1)} s` : 'Reconnecting…');
  } else view.state(state.state === 'closed' ? 'idle' : state.state, STATE_TEXT[state.state]);
}

// Every keystroke may say so; the client sends at most one notice per interval.
messageBox.addEventListener('input', () => {
  if (messageBox.value.trim()) session?.typing();
});

// Up in an empty box edits one's last message; Escape leaves editing.
messageBox.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowUp' && !messageBox.value && !editing.active && editing.lastOwn()) {
    event.preventDefault();
    editing.start(editing.lastOwn());
  } else if (event.key === 'Escape' && editing.active) {
    event.preventDefault();
    editing.stop();
    messageBox.value = '';
  }
});

document.getElementById('messages').addEventListener('click', (event) => {
  const button = event.target.closest('button.edit');
  if (button) editing.start(button.closest('.message'));
});

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = messageBox.value;
  if (editing.active) {
    const seq = editing.seq;
    editing.stop();
    messageBox.value = '';
    if (session && text.trim()) session.edit(seq, text).catch((error) => view.notice(error.message, 'error'));
    return;
  }
  if (!session || !text.trim()) return;
  const sending = session.send(text);
  view.sending(sending.ref, text);
  // A refusal marks the message as not sent and says why; closing the session is no refusal.
  sending.catch((error) => {
    if (error.code === 'closed') return;
    view.notSent(sending.ref);
    view.notice(error.message, 'error');
  });
  messageBox.value = '';
  messageBox.focus();
});

async function loadOnline(room, online) {
  try {
    const headers = access?.token ? { Authorization: `Bearer ${access.token}` } : {};
    const response = await fetch(`/api/rooms/${encodeURIComponent(room)}`, { headers });
    if (response.ok) view.setOnline((await response.json()).people, online);
  } catch {
    view.setOnline([], online);
  }
}

nameBox.focus();
