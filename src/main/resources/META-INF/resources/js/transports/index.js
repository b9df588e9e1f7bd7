import { connectWebSocket } from './websocket.js';

const transports = {
  websocket: connectWebSocket,
};

// "auto" starts with WebSocket; other transports join the list as they are added.
export function transportFor(choice) {
  return transports[choice] ?? transports.websocket;
}
