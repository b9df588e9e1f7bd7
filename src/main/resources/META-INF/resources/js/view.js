// Renders the conversation. Everything a user wrote goes in as text, never as HTML.

const MAX_SHOWN = 500;
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export class ChatView {
  constructor(doc) {
    this.list = doc.getElementById('messages');
    this.stateLine = doc.getElementById('state');
    this.onlineList = doc.getElementById('online');
    this.onlineCount = doc.getElementById('online-count');
    this.names = new Set();
  }

  state(kind, text) {
    this.stateLine.dataset.state = kind;
    this.stateLine.textContent = text;
  }

  clear() {
    this.list.replaceChildren();
    this.setOnline([]);
  }

  message(message, mine) {
    const item = element('li', `message ${mine ? 'mine' : 'theirs'}`);
    item.dataset.seq = message.seq;
    const meta = element('div', 'meta');
    meta.append(element('span', 'from', message.from), time(message.timestamp));
    item.append(meta, element('div', 'text', message.text));
    this.append(item);
  }

  notice(text, kind = '', timestamp) {
    const item = element('li', `notice ${kind}`.trim(), text);
    if (timestamp) item.append(' · ', time(timestamp));
    this.append(item);
  }

  setOnline(names, online) {
    this.names = new Set(names);
    this.renderOnline(online);
  }

  presence(event) {
    if (event.type === 'join') this.names.add(event.name);
    else this.names.delete(event.name);
    this.renderOnline(event.online);
    this.notice(`${event.name} ${event.type === 'join' ? 'joined' : 'left'}`, 'presence', event.timestamp);
  }

  renderOnline(online) {
    const sorted = [...this.names].sort((a, b) => a.localeCompare(b));
    this.onlineList.replaceChildren(...sorted.map((name) => element('li', '', name)));
    this.onlineCount.textContent = String(online ?? sorted.length);
  }

  append(item) {
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 48;
    this.list.append(item);
    while (this.list.childElementCount > MAX_SHOWN) this.list.firstElementChild.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function time(timestamp) {
  const node = document.createElement('time');
  const date = new Date(timestamp);
  node.dateTime = date.toISOString();
  node.textContent = timeFormat.format(date);
  return node;
}
