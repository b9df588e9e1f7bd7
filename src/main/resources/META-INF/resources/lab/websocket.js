// The WebSocket pane: the chat client on a WebSocket that asks for the server's view of the handshake
// (wire=1), shows Sec-WebSocket-Accept derived from the key step by step, and lists every frame the page
// can see, both ways, with the header fields RFC 6455 §5.2 gives it.

import { connect } from '../client/chat.js';
import { text } from './texts.js';
import { deriveAccept } from './accept.js';
import { detailLine } from './pane.js';

const TEXT_FRAME = 0x1;
const CLOSE_FRAME = 0x8;
const OPCODES = { [TEXT_FRAME]: 'text', [CLOSE_FRAME]: 'close' };

export function startWebSocket(pane, { room, name }) {
  const chat = connect({ room, name, transport: 'websocket', handshake: true, WebSocket: webSocketWatchedBy(pane) });
  chat.on('state', (state) => pane.state(state.state));
  chat.on('handshake', (handshake) => showHandshake(pane.section.querySelector('.handshake'), handshake));
  return chat;
}

function webSocketWatchedBy(pane) {
  return class WatchedWebSocket extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      const target = new URL(url);
      pane.request();
      pane.log('out', `→ GET ${target.pathname}${target.search} (Upgrade: websocket)`);
      this.addEventListener('message', (event) => showFrame(pane, 'in', TEXT_FRAME, new TextEncoder().encode(event.data).byteLength, event.data));
      this.addEventListener('close', (event) => {
        // 1006 is no frame: the connection ended without a closing handshake.
        if (event.code === 1006) pane.log('in', `✕ ${event.code}`);
        else showFrame(pane, 'in', CLOSE_FRAME, closePayloadLength(event.reason), `${event.code} ${event.reason}`.trim());
      });
    }

    send(data) {
      showFrame(pane, 'out', TEXT_FRAME, new TextEncoder().encode(data).byteLength, data);
      super.send(data);
    }

    close(code, reason) {
      showFrame(pane, 'out', CLOSE_FRAME, closePayloadLength(reason), `${code ?? ''} ${reason ?? ''}`.trim());
      super.close(code, reason);
    }
  };
}

function closePayloadLength(reason = '') {
  return 2 + new TextEncoder().encode(reason).byteLength;
}

// What the frame's header held: FIN, the opcode, the MASK bit and the payload length, in the fewest bytes.
function showFrame(pane, direction, opcode, length, payload) {
  const masked = direction === 'out';
  const lengthBytes = length > 0xffff ? 8 : length > 125 ? 2 : 0;
  const headerBytes = 2 + lengthBytes + (masked ? 4 : 0);
  const arrow = masked ? '↑' : '↓';
  const summary = `${arrow} ${text(masked ? 'frameOut' : 'frameIn')} · FIN 1 · opcode 0x${opcode.toString(16)} (${OPCODES[opcode]}) · `
    + `MASK ${masked ? 1 : 0} (${text(masked ? 'masked' : 'unmasked')}) · ${length} ${text('bytesUnit')} + ${headerBytes} ${text('bytesUnit')}`;
  const entry = pane.log(`frame ${direction}`, summary, [payload]);
  entry.dataset.opcode = String(opcode);
  entry.dataset.masked = String(masked);
  entry.dataset.length = String(length);
  if (!masked) pane.bytes(length + headerBytes);
}

async function showHandshake(box, handshake) {
  const headerValue = (head, name) => head.headers.find((header) => header.name.toLowerCase() === name)?.value ?? '';
  const status = handshake.response.line.split(' ')[1];
  const key = headerValue(handshake.request, 'sec-websocket-key');
  const answered = headerValue(handshake.response, 'sec-websocket-accept');
  const steps = await deriveAccept(key);
  const match = steps.accept === answered;
  box.dataset.status = status;
  box.dataset.key = key;
  box.dataset.accept = answered;
  box.dataset.derived = steps.accept;
  box.dataset.match = String(match);
  box.replaceChildren(
    httpHead(text('handshakeRequest'), handshake.request, 'request'),
    httpHead(text('handshakeResponse'), handshake.response, 'response'),
    heading(text('acceptSteps')),
    stepList([
      [text('stepKey'), key],
      [text('stepConcat'), steps.concatenated],
      [text('stepSha1'), steps.hex],
      [text('stepBase64'), steps.accept],
      [text('stepServer'), `${answered} · ${text(match ? 'matches' : 'differs')}`],
    ], match),
  );
}

function heading(body) {
  const node = document.createElement('h3');
  node.textContent = body;
  return node;
}

function httpHead(title, head, kind) {
  const block = document.createElement('figure');
  block.className = `http-head ${kind}`;
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const lines = document.createElement('pre');
  lines.textContent = [head.line, ...head.headers.map((header) => `${header.name}: ${header.value}`)].join('\n');
  block.append(caption, lines);
  return block;
}

function stepList(steps, match) {
  const list = document.createElement('ol');
  list.className = 'steps';
  for (const [label, value] of steps) {
    const item = document.createElement('li');
    item.append(detailLine(label));
    const code = document.createElement('code');
    code.textContent = value;
    item.append(code);
    list.append(item);
  }
  list.lastElementChild.classList.add(match ? 'ok' : 'bad');
  return list;
}
