import { connectWebSocket } from './websocket.js';
import { connectSse } from './sse.js';
import { connectLongPolling, connectPlainPolling } from './polling.js';

const transports = {
  websocket: connectWebSocket,
  sse: connectSse,
  'long-polling': connectLongPolling,
  polling: connectPlainPolling,
};

// Auto starts with WebSocket and falls back, one step each time a transport fails before it opened:
// where a proxy blocks WebSocket, the chat keeps working over SSE, then long polling.
const FALLBACK = ['websocket', 'sse', 'long-polling'];

function connectAuto() {
  let index = 0;
  return (position, events) => {
    let opened = false;
    const transport = transports[FALLBACK[index]](position, {
      ...events,
      open: () => {
        opened = true;
        events.open();
      },
      close: (info) => {
        if (!opened && index < FALLBACK.length - 1) index++;
        events.close(info);
      },
    });
    return transport;
  };
}

export function transportFor(choice) {
  return choice === 'auto' || !transports[choice] ? connectAuto() : transports[choice];
}
