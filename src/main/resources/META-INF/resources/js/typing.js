// The "… is typing" line under the conversation. A notice arrives at most every 2 s while someone keeps
// typing, so a name stays shown a little longer than that after its last one, and goes at once when its
// message arrives.

const SHOWN_FOR_MS = 3500;

export class TypingLine {
  constructor(element) {
    this.element = element;
    this.typists = new Map();
  }

  saw(name) {
    clearTimeout(this.typists.get(name));
    this.typists.set(name, setTimeout(() => this.stopped(name), SHOWN_FOR_MS));
    this.render();
  }

  stopped(name) {
    if (!this.typists.has(name)) return;
    clearTimeout(this.typists.get(name));
    this.typists.delete(name);
    this.render();
  }

  clear() {
    for (const timer of this.typists.values()) clearTimeout(timer);
    this.typists.clear();
    this.render();
  }

  render() {
    const names = [...this.typists.keys()];
    this.element.textContent = describe(names);
  }
}

function describe(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}
