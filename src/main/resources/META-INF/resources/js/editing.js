// Editing one's own messages from the composer: the Edit control on a message, or the Up arrow in an
// empty box for one's last message. While editing, the box holds the message's text, Enter saves it and
// Escape (or an emptied box) goes back to writing new messages.

export class Editing {
  constructor(doc) {
    this.list = doc.getElementById('messages');
    this.composer = doc.getElementById('composer');
    this.box = doc.getElementById('message');
    this.label = this.composer.querySelector('label[for="message"]');
    this.hint = doc.getElementById('editing');
    this.labelText = this.label.textContent;
    this.seq = null;
  }

  get active() {
    return this.seq != null;
  }

  // The newest of one's own stored messages that can still be edited.
  lastOwn() {
    const own = this.list.querySelectorAll(':scope > .message.mine[data-seq]:not(.deleted)');
    return own[own.length - 1] ?? null;
  }

  start(item) {
    if (!item || item.classList.contains('deleted')) return;
    this.seq = Number(item.dataset.seq);
    this.box.value = item.querySelector('.text').textContent;
    this.composer.classList.add('editing');
    this.label.textContent = 'Edit message';
    this.hint.textContent = 'Editing your message: Enter saves, Escape cancels.';
    this.hint.hidden = false;
    this.box.focus();
    this.box.setSelectionRange(this.box.value.length, this.box.value.length);
  }

  stop() {
    if (!this.active) return;
    this.seq = null;
    this.composer.classList.remove('editing');
    this.label.textContent = this.labelText;
    this.hint.textContent = '';
    this.hint.hidden = true;
  }
}
