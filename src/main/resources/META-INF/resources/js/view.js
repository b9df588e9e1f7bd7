// Renders the conversation. Everything a user wrote goes in as text, never as HTML.

const MAX_SHOWN = 500;
const MAX_WIRE = 200;
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

export class ChatView {
  constructor(doc) {
    this.list = doc.getElementById('messages');
    this.stateLine = doc.getElementById('state');
    this.onlineList = doc.getElementById('online');
    this.onlineCount = doc.getElementById('online-count');
    this.wireLog = doc.getElementById('wire-log');
    this.wirePanel = doc.getElementById('wire');
    // Who is online: one entry per person (a verified user in token mode, a name in open mode) → its name.
    this.people = new Map();
    this.incoming = [];
    this.flushScheduled = false;
  }

  // The wire panel shows frames, events and requests both ways, as the browser's network tab would. It
  // records from the moment the page connects, open or not, so opening it shows how the session began.
  wire(direction, text, kind = '') {
    const entry = element('li', `wire-${direction === '↑' || direction === '→' ? 'out' : 'in'} ${kind}`.trim(), `${direction} ${text}`);
    this.wireLog.append(entry);
    while (this.wireLog.childElementCount > MAX_WIRE) this.wireLog.firstElementChild.remove();
    if (this.wirePanel.open) entry.scrollIntoView({ block: 'nearest' });
  }

  // The WebSocket upgrade as the service read and answered it: the request, then the 101.
  handshake({ request, response }) {
    const lines = (head) => [head.line, ...head.headers.map((header) => `${header.name}: ${header.value}`)].join('\n');
    this.wire('→', lines(request), 'wire-handshake');
    this.wire('↓', lines(response), 'wire-handshake');
  }

  state(kind, text) {
    this.stateLine.dataset.state = kind;
    this.stateLine.textContent = text;
    // Who is online is only known while connected; until then the list is shown as possibly out of date.
    this.onlineList.classList.toggle('stale', kind !== 'open');
  }

  clear() {
    this.incoming = [];
    this.list.replaceChildren();
    this.setOnline([]);
  }

  message(message, mine) {
    if (mine && message.ref) this.forget(this.pendingItem(message.ref));
    const item = element('li', `message ${mine ? 'mine' : 'theirs'}`);
    item.dataset.seq = message.seq;
    const meta = element('div', 'meta');
    meta.append(text('span', 'from', message.from), time(message.timestamp));
    if (mine) meta.append(editButton(message));
    item.append(meta, text('div', 'text', message.text));
    if (message.edited) markEdited(item, message.edited);
    if (message.deleted) markDeleted(item);
    this.append(item);
    return item;
  }

  // Above the first message one has not read yet.
  unreadDivider() {
    this.list.querySelector(':scope > .unread-divider')?.remove();
    this.incoming = this.incoming.filter((item) => !item.classList.contains('unread-divider'));
    const divider = element('li', 'unread-divider');
    divider.setAttribute('role', 'separator');
    divider.setAttribute('aria-label', 'New messages');
    divider.append(element('span', '', 'New messages'));
    this.append(divider);
  }

  // A moderator deleted the message: it keeps its place, without its text.
  deleted(seq) {
    const match = (item) => item.dataset.seq === String(seq);
    const item = [...this.list.querySelectorAll(':scope > .message')].find(match) ?? this.incoming.find(match);
    if (item) markDeleted(item);
  }

  // The message's author or a moderator gave it a new text.
  edited(edit) {
    const match = (item) => item.dataset.seq === String(edit.seq);
    const item = [...this.list.querySelectorAll(':scope > .message')].find(match) ?? this.incoming.find(match);
    if (!item || item.classList.contains('deleted')) return;
    item.querySelector('.text').textContent = edit.text;
    markEdited(item, edit.edited);
  }

  // One's own message, shown at once and marked as sending until the server's echo replaces it.
  sending(ref, body) {
    const item = element('li', 'message mine pending');
    item.dataset.ref = ref;
    const meta = element('div', 'meta');
    meta.append(element('span', 'from', 'You'), element('span', 'status', 'sending…'));
    item.append(meta, text('div', 'text', body));
    this.append(item);
  }

  notSent(ref) {
    const item = this.pendingItem(ref);
    if (!item) return;
    item.classList.replace('pending', 'failed');
    item.querySelector('.status').textContent = 'not sent';
  }

  pendingItem(ref) {
    return [...this.list.querySelectorAll(':scope > .pending')].find((item) => item.dataset.ref === ref)
      ?? this.incoming.find((item) => item.dataset.ref === ref && item.classList.contains('pending'));
  }

  forget(item) {
    if (!item) return;
    this.incoming = this.incoming.filter((waiting) => waiting !== item);
    item.remove();
  }

  notice(body, kind = '', timestamp) {
    const item = element('li', `notice ${kind}`.trim(), body);
    if (timestamp) item.append(' · ', time(timestamp));
    this.append(item);
  }

  setOnline(people, online) {
    this.people = new Map(people.map((person) => [person.uid ?? person.name, person.name]));
    this.renderOnline(online);
  }

  presence(event) {
    if (event.type === 'join') this.people.set(event.uid ?? event.name, event.name);
    else this.people.delete(event.uid ?? event.name);
    this.renderOnline(event.online);
    const item = element('li', 'notice presence');
    item.append(text('span', 'from', event.name), event.type === 'join' ? ' joined' : ' left');
    if (event.timestamp) item.append(' · ', time(event.timestamp));
    this.append(item);
  }

  renderOnline(online) {
    const sorted = [...this.people.values()].sort((a, b) => a.localeCompare(b));
    this.onlineList.replaceChildren(...sorted.map((name) => text('li', '', name)));
    this.onlineCount.textContent = String(online ?? sorted.length);
  }

  // A burst of hundreds of messages (a replay, a busy room) is added once per frame, with one
  // layout, rather than one layout per message.
  append(item) {
    this.incoming.push(item);
    if (this.incoming.length > MAX_SHOWN) this.incoming.splice(0, this.incoming.length - MAX_SHOWN);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    requestAnimationFrame(() => this.flush());
  }

  flush() {
    this.flushScheduled = false;
    const list = this.list;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    // Messages go above one's own that are still sending, which stay last until they are confirmed.
    const firstPending = list.querySelector(':scope > .pending');
    const batch = document.createDocumentFragment();
    const later = document.createDocumentFragment();
    for (const item of this.incoming) (item.classList.contains('pending') ? later : batch).append(item);
    this.incoming = [];
    list.insertBefore(batch, firstPending);
    list.append(later);
    const excess = list.childElementCount - MAX_SHOWN;
    for (let i = 0; i < excess; i++) list.firstElementChild.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
  }
}

function markDeleted(item) {
  item.classList.add('deleted');
  item.querySelector('.text').textContent = 'message deleted';
}

// "edited", with when in its tooltip and its datetime, once per message.
function markEdited(item, edited) {
  let marker = item.querySelector('.meta .edited');
  if (!marker) {
    marker = element('time', 'edited', 'edited');
    const button = item.querySelector('.meta .edit');
    if (button) button.before(marker);
    else item.querySelector('.meta').append(marker);
  }
  marker.dateTime = new Date(edited).toISOString();
  marker.title = `Edited ${fullDate.format(new Date(edited))}`;
}

// Keyboard reachable like any button; its label names the message, since a list holds many of them.
function editButton(message) {
  const button = element('button', 'edit', 'Edit');
  button.type = 'button';
  button.setAttribute('aria-label', `Edit your message from ${clock.format(new Date(message.timestamp))}`);
  return button;
}

function element(tag, className, body) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (body != null) node.textContent = body;
  return node;
}

// What people wrote: its direction follows its own first strong character, isolated from the page.
function text(tag, className, body) {
  const node = element(tag, className, body);
  node.dir = 'auto';
  return node;
}

function time(timestamp) {
  const node = document.createElement('time');
  const date = new Date(timestamp);
  const today = date.toDateString() === new Date().toDateString();
  node.dateTime = date.toISOString();
  node.textContent = (today ? clock : dayAndClock).format(date);
  node.title = fullDate.format(date);
  return node;
}
