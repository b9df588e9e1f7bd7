// Unread markers (token mode). Entering a room, a "New messages" divider goes above the first message after
// one's read mark; a message that arrives while nobody is looking (the tab hidden or not focused) gets one
// too. The count of messages after the mark shows beside the room field and in the tab's title: the page
// has one room at a time and no room list. The mark is sent as messages are seen: on screen, with the page
// visible and focused. The server keeps the mark for every device of the user, so the count falls as soon
// as any of them has read.

export class UnreadMarks {
  constructor(doc, list, countLine, onCount = () => {}) {
    this.doc = doc;
    this.onCount = onCount;
    this.list = list;
    this.countLine = countLine;
    this.baseTitle = doc.title;
    this.session = null;
    this.onScreen = new Set();
    this.visibility = new IntersectionObserver((entries) => this.moved(entries), { root: list });
    new MutationObserver((changes) => this.added(changes)).observe(list, { childList: true });
    const look = () => this.markSeen();
    doc.addEventListener('visibilitychange', look);
    doc.defaultView.addEventListener('focus', look);
  }

  // A new session: without a uid (open mode) there are no marks, and nothing shows.
  start(session, welcome) {
    this.session = welcome.uid ? session : null;
    this.mark = welcome.read ?? null;
    this.entryLastSeq = welcome.lastSeq;
    this.lastSeq = welcome.lastSeq;
    this.divided = false;
    this.render();
  }

  stop() {
    this.session = null;
    this.onScreen.clear();
    this.render();
  }

  // Before the view shows the message: whether a divider goes above it.
  dividesBefore(message, mine) {
    if (!this.session) return false;
    this.lastSeq = Math.max(this.lastSeq, message.seq);
    this.render();
    if (mine || this.divided || message.seq <= (this.mark ?? 0)) return false;
    const replayed = message.seq <= this.entryLastSeq && this.mark != null;
    if (!replayed && this.looking()) return false;
    this.divided = true;
    return true;
  }

  // The user's mark moved, on this device or another.
  read(seq) {
    this.mark = Math.max(this.mark ?? 0, seq);
    this.render();
  }

  // Once everything is read, the next message seen from away gets a divider of its own.
  looking() {
    return this.doc.visibilityState === 'visible' && this.doc.hasFocus();
  }

  markSeen() {
    if (!this.session || !this.looking() || this.onScreen.size === 0) return;
    const seen = Math.max(...this.onScreen);
    if (seen <= (this.mark ?? 0)) return;
    if (seen >= this.lastSeq) this.divided = false;
    // Pollers hear no read events: their own mark counts once the server took it.
    this.session.read(seen).then(() => this.read(seen), () => {});
  }

  moved(entries) {
    for (const entry of entries) {
      const seq = Number(entry.target.dataset.seq);
      if (entry.isIntersecting) this.onScreen.add(seq);
      else this.onScreen.delete(seq);
    }
    this.markSeen();
  }

  added(changes) {
    for (const change of changes) {
      for (const node of change.addedNodes) if (node.dataset?.seq) this.visibility.observe(node);
      for (const node of change.removedNodes) {
        if (!node.dataset?.seq) continue;
        this.visibility.unobserve(node);
        this.onScreen.delete(Number(node.dataset.seq));
      }
    }
  }

  render() {
    const unread = this.session ? Math.max(0, this.lastSeq - (this.mark ?? 0)) : 0;
    this.countLine.hidden = unread === 0;
    this.countLine.textContent = unread === 0 ? '' : `${unread} unread`;
    this.doc.title = unread === 0 ? this.baseTitle : `(${unread}) ${this.baseTitle}`;
    if (this.session) this.onCount(unread);
  }
}
