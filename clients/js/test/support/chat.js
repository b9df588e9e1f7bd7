// Opens clients in Node against the packaged service, with the WebSocket and EventSource that Node 20
// lacks passed in, and waits for what they report.

import WebSocket from 'ws';
import { EventSource } from 'eventsource';
import { connect } from '../../src/chat.js';

export { ChatServer, sleep } from '../../../../e2e/support/server.js';

export const TRANSPORTS = ['websocket', 'sse', 'long-polling', 'polling'];

// A client that records every message it is given, in order.
export function open(url, options) {
  const client = connect({ url, WebSocket, EventSource, ...options });
  client.seen = [];
  client.states = [];
  client.gaps = [];
  client.on('message', (message, { mine }) => client.seen.push({ ...message, mine }));
  client.on('state', (state) => client.states.push(state));
  client.on('gap', (gap) => client.gaps.push(gap));
  return client;
}

export function until(condition, what, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const value = condition();
      if (value) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(check, 25);
    };
    check();
  });
}

export const opened = (client) => until(() => client.state.state === 'open' && client.state, `${client.room} to open`);

let rooms = 0;
export function uniqueRoom(prefix) {
  rooms += 1;
  return `${prefix}-${process.pid}-${rooms}`;
}
