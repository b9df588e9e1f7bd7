// The reaction bar under each message: a button per emoji with its count, pressed when it holds the
// viewer's own reaction, and one "add reaction" button that opens a small picker. Counts come from the
// server (history and 'reactions' events); which ones are the viewer's is what this page toggled, kept per
// room in localStorage, since the counts do not say who reacted.

const PICKER = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];
const REMEMBERED = 500;

export class ReactionBars {
  constructor(doc, { react, problem }) {
    this.doc = doc;
    this.react = react;
    this.problem = problem;
    this.bars = new Map();
    this.room = null;
    this.mine = new Set();
  }

  // A new room: the bars of the last one are gone with its messages.
  reset(room) {
    this.bars.clear();
    this.room = room;
    this.mine = new Set(JSON.parse(localStorage.getItem(storageKey(room)) ?? '[]'));
  }

  // Puts the bar under a message item; a tombstone has none.
  attach(item, message) {
    if (message.deleted) return;
    const bar = this.doc.createElement('div');
    bar.className = 'reactions';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', `Reactions to ${message.from}'s message`);
    bar.dataset.seq = message.seq;
    item.append(bar);
    this.bars.set(message.seq, bar);
    if (this.bars.size > REMEMBERED * 2) this.forgetDetached();
    this.render(message.seq, message.reactions ?? {});
  }

  // The server's counts for a message, after anyone's toggle.
  update(seq, counts) {
    for (const key of [...this.mine]) {
      const [held, emoji] = splitKey(key);
      if (held === seq && !counts[emoji]) this.mine.delete(key);
    }
    this.render(seq, counts);
  }

  deleted(seq) {
    this.bars.get(seq)?.remove();
    this.bars.delete(seq);
  }

  render(seq, counts) {
    const bar = this.bars.get(seq);
    if (!bar) return;
    // Whoever was on a button of this bar stays on the same one after it is drawn again.
    const active = this.doc.activeElement;
    const focused = active?.closest?.('.reactions') === bar
      ? (active.dataset.emoji ? `[data-emoji="${CSS.escape(active.dataset.emoji)}"]` : '.add-reaction-button') : null;
    const buttons = Object.entries(counts).map(([emoji, count]) => this.button(seq, emoji, count));
    bar.replaceChildren(...buttons, this.adder(seq));
    bar.dataset.counts = JSON.stringify(counts);
    if (focused) bar.querySelector(focused)?.focus();
  }

  button(seq, emoji, count) {
    const button = this.doc.createElement('button');
    const mine = this.mine.has(key(seq, emoji));
    button.type = 'button';
    button.className = 'reaction';
    button.dataset.emoji = emoji;
    button.setAttribute('aria-pressed', String(mine));
    button.setAttribute('aria-label', `${emoji} ${count} ${count === 1 ? 'reaction' : 'reactions'}${mine
      ? ', including yours, press to take yours back' : ', press to react'}`);
    const symbol = this.doc.createElement('span');
    symbol.setAttribute('aria-hidden', 'true');
    symbol.textContent = emoji;
    const number = this.doc.createElement('span');
    number.className = 'reaction-count';
    number.setAttribute('aria-hidden', 'true');
    number.textContent = String(count);
    button.append(symbol, number);
    button.addEventListener('click', () => this.toggle(seq, emoji));
    return button;
  }

  // The picker is made when it is first opened: a long conversation holds hundreds of bars.
  adder(seq) {
    const wrapper = this.doc.createElement('span');
    wrapper.className = 'add-reaction';
    const open = this.doc.createElement('button');
    open.type = 'button';
    open.className = 'add-reaction-button';
    open.textContent = '☺+';
    open.setAttribute('aria-label', 'Add reaction');
    open.setAttribute('aria-haspopup', 'true');
    open.setAttribute('aria-expanded', 'false');
    let picker = null;
    const close = () => {
      picker.hidden = true;
      open.setAttribute('aria-expanded', 'false');
    };
    open.addEventListener('click', () => {
      picker ??= this.picker(seq, open, close);
      if (!picker.isConnected) wrapper.append(picker);
      const opening = picker.hidden;
      picker.hidden = !opening;
      open.setAttribute('aria-expanded', String(opening));
      if (opening) picker.firstElementChild.focus();
    });
    wrapper.append(open);
    return wrapper;
  }

  picker(seq, open, close) {
    const picker = this.doc.createElement('div');
    picker.className = 'picker';
    picker.setAttribute('role', 'group');
    picker.setAttribute('aria-label', 'Pick a reaction');
    picker.hidden = true;
    for (const emoji of PICKER) {
      const choice = this.doc.createElement('button');
      choice.type = 'button';
      choice.textContent = emoji;
      choice.setAttribute('aria-label', `React with ${emoji}`);
      choice.addEventListener('click', () => {
        close();
        open.focus();
        this.toggle(seq, emoji);
      });
      picker.append(choice);
    }
    // Escape closes it where it is; arrows move between the choices.
    picker.addEventListener('keydown', (event) => {
      const choices = [...picker.children];
      const at = choices.indexOf(this.doc.activeElement);
      if (event.key === 'Escape') {
        close();
        open.focus();
      } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        event.preventDefault();
        const step = event.key === 'ArrowRight' ? 1 : -1;
        choices[(at + step + choices.length) % choices.length].focus();
      } else return;
      event.stopPropagation();
    });
    return picker;
  }

  // Marked at once; the counts follow from the server, to everyone at the same time.
  toggle(seq, emoji) {
    const mark = key(seq, emoji);
    const had = this.mine.has(mark);
    if (had) this.mine.delete(mark);
    else this.mine.add(mark);
    this.remember();
    Promise.resolve(this.react(seq, emoji)).catch((error) => {
      if (had) this.mine.add(mark);
      else this.mine.delete(mark);
      this.remember();
      this.render(seq, JSON.parse(this.bars.get(seq)?.dataset.counts ?? '{}'));
      this.problem(error.message);
    });
  }

  remember() {
    if (!this.room) return;
    const kept = [...this.mine].slice(-REMEMBERED);
    localStorage.setItem(storageKey(this.room), JSON.stringify(kept));
  }

  forgetDetached() {
    for (const [seq, bar] of this.bars) if (!bar.isConnected) this.bars.delete(seq);
  }
}

function storageKey(room) {
  return `chat.reacted.${room}`;
}

function key(seq, emoji) {
  return `${seq}|${emoji}`;
}

function splitKey(mark) {
  const at = mark.indexOf('|');
  return [Number(mark.slice(0, at)), mark.slice(at + 1)];
}
