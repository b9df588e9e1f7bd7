import { openWebSocket } from './websocket.js';
import { openSse } from './sse.js';
import { openLongPolling, openPlainPolling } from './polling.js';

const TRANSPORTS = {
  websocket: openWebSocket,
  sse: openSse,
  'long-polling': openLongPolling,
  polling: openPlainPolling,
};

// Auto starts with WebSocket and falls back, one step each time a transport fails before it opened:
// where a proxy blocks WebSocket, the chat keeps working over SSE, then long polling.
const FALLBACK = ['websocket', 'sse', 'long-polling'];

function auto() {
  let index = 0;
  return (ctx, events) => {
    let opened = false;
    return TRANSPORTS[FALLBACK[index]](ctx, {
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
  };
}

export function transportFor(choice = 'auto') {
  if (choice === 'auto') return auto();
  if (!TRANSPORTS[choice]) throw new TypeError(`unknown transport: ${choice}`);
  return TRANSPORTS[choice];
}
