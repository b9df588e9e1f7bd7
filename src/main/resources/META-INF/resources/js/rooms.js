// Token mode: the rooms this person opened on this page, each with how many of its messages they have not
// read, so what is said elsewhere is not missed. The list lives in this browser (localStorage); the counts
// are the service's (GET /api/rooms/{room} answers `unread` for the caller, from the read marks every
// device of the user moves). They are asked for when a room is entered, when the page is looked at again,
// and every half minute; the open room's count is the live one of the unread markers.

const KEY = 'chat.rooms';
const MOST = 8;
const REFRESH_MS = 30_000;

export class RoomList {
  constructor(doc, nav, { open, headers }) {
    this.doc = doc;
    this.nav = nav;
    this.list = nav.querySelector('ul');
    this.open = open;
    this.headers = headers;
    this.current = null;
    this.counts = new Map();
    this.timer = null;
    doc.addEventListener('visibilitychange', () => {
      if (doc.visibilityState === 'visible') this.refresh();
    });
  }

  // A signed-in person entered a room: it goes first in the list, and the others' counts are asked for.
  entered(room) {
    this.current = room;
    this.remember(room);
    this.render();
    this.refresh();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  // The open room's count, as the unread markers keep it.
  currentCount(unread) {
    if (!this.current) return;
    this.counts.set(this.current, unread);
    this.render();
  }

  stop() {
    this.current = null;
    clearInterval(this.timer);
    this.nav.hidden = true;
  }

  async refresh() {
    if (!this.current) return;
    const others = this.rooms().filter((room) => room !== this.current);
    await Promise.all(others.map(async (room) => {
      try {
        const response = await fetch(`/api/rooms/${encodeURIComponent(room)}`, { headers: this.headers() });
        if (response.ok) this.counts.set(room, (await response.json()).unread ?? 0);
        else if (response.status === 403) this.forget(room);
      } catch {
        // offline for a moment: the last count stays
      }
    }));
    this.render();
  }

  rooms() {
    try {
      const stored = JSON.parse(localStorage.getItem(KEY) ?? '[]');
      return Array.isArray(stored) ? stored.filter((room) => typeof room === 'string') : [];
    } catch {
      return [];
    }
  }

  remember(room) {
    const rooms = [room, ...this.rooms().filter((known) => known !== room)].slice(0, MOST);
    localStorage.setItem(KEY, JSON.stringify(rooms));
  }

  forget(room) {
    localStorage.setItem(KEY, JSON.stringify(this.rooms().filter((known) => known !== room)));
    this.counts.delete(room);
  }

  render() {
    const rooms = this.rooms();
    this.nav.hidden = !this.current || rooms.length < 2;
    // The others first, latest visited first, so on a phone's one row what waits elsewhere is in view.
    const order = [...rooms.filter((room) => room !== this.current), ...rooms.filter((room) => room === this.current)];
    this.list.replaceChildren(...order.map((room) => this.item(room)));
  }

  item(room) {
    const unread = this.counts.get(room) ?? 0;
    const li = this.doc.createElement('li');
    const button = this.doc.createElement('button');
    button.type = 'button';
    button.className = 'room-link';
    button.dataset.room = room;
    const name = this.doc.createElement('span');
    name.textContent = room;
    button.append(name);
    if (unread > 0) {
      const badge = this.doc.createElement('span');
      badge.className = 'badge';
      badge.textContent = String(unread);
      button.append(badge);
    }
    if (room === this.current) {
      button.setAttribute('aria-current', 'true');
      button.disabled = true;
    }
    button.setAttribute('aria-label', `${room}, ${unread === 0 ? 'nothing' : unread} unread${room === this.current ? ', open' : ''}`);
    button.addEventListener('click', () => this.open(room));
    li.append(button);
    return li;
  }
}
