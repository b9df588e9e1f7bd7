// Edits in flight on a WebSocket: each carries a ref, and settles when the room's `edit` for its seq
// comes back (resolve) or an error frame with its ref does (reject). The HTTP transports settle with the
// PATCH's answer instead.

import { ChatError } from './error.js';

export class PendingEdits {
  constructor() {
    this.byRef = new Map();
    this.count = 0;
  }

  add(seq) {
    this.count += 1;
    const ref = `edit-${Date.now().toString(36)}-${this.count}`;
    const settled = new Promise((resolve, reject) => this.byRef.set(ref, { seq, resolve, reject }));
    return { ref, settled };
  }

  has(ref) {
    return this.byRef.has(ref);
  }

  edited(edit) {
    for (const [ref, pending] of this.byRef) {
      if (pending.seq === edit.seq) {
        this.byRef.delete(ref);
        pending.resolve(edit);
      }
    }
  }

  refused(ref, code, text) {
    const pending = this.byRef.get(ref);
    this.byRef.delete(ref);
    pending?.reject(new ChatError(code, text, ref));
  }

  rejectAll(code, text) {
    for (const ref of [...this.byRef.keys()]) this.refused(ref, code, text);
  }
}

// What a poller is told again on every poll (the current edit of each message it holds) is news only
// when it is newer than what it has seen of that message.
export class SeenEdits {
  constructor() {
    this.editedAt = new Map();
  }

  isNew(edit) {
    if ((this.editedAt.get(edit.seq) ?? 0) >= edit.edited) return false;
    this.editedAt.set(edit.seq, edit.edited);
    return true;
  }

  saw(message) {
    if (message.edited) this.editedAt.set(message.seq, Math.max(message.edited, this.editedAt.get(message.seq) ?? 0));
  }
}
