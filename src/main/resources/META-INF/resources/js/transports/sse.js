// Server-Sent Events (lecture ch. 11): the server pushes the room down one long response; sending is a POST.

import { guestName, postMessage, roomUrl } from './http.js';

const EVENTS = ['welcome', 'message', 'join', 'leave', 'gap', 'delete'];

// EventSource cannot send headers: in token mode the token is the access_token query parameter, and the
// stream ends when it expires (the session reconnects with its fresh token and resumes).
export function connectSse({ room, name, since, epoch, access }, events) {
  const me = name || guestName();
  const url = roomUrl(room, '/events', access ? { since, epoch } : { name: me, since, epoch });
  events.wire?.('→', `GET ${url.pathname}${url.search} (Accept: text/event-stream)`);
  if (access) url.searchParams.set('access_token', access.token);
  const source = new EventSource(url);
  let closed = false;

  source.addEventListener('open', () => events.open());
  for (const type of EVENTS) {
    source.addEventListener(type, (e) => {
      events.wire?.('↓', `event: ${type}${e.lastEventId && type === 'message' ? ` id: ${e.lastEventId}` : ''} ${e.data}`);
      events.event(JSON.parse(e.data));
    });
  }
  // The session reconnects with its own position, so the browser's automatic retry is not used.
  source.addEventListener('error', () => {
    if (closed) return;
    closed = true;
    source.close();
    events.close({});
  });

  return {
    name: 'sse',
    // The stored message comes back on the stream, where it is acknowledged in its place in the order.
    send: (message) => postMessage(room, me, message, events.wire, access),
    close() {
      closed = true;
      source.close();
    },
  };
}
