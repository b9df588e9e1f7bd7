// Server-Sent Events (lecture ch. 11): the server pushes the room down one long response; sending is a POST.

import { guestName, patchMessage, postMessage, postReaction, postRead, postTyping, roomUrl } from './http.js';

const EVENTS = ['welcome', 'message', 'join', 'leave', 'gap', 'delete', 'typing', 'read', 'edit', 'reactions'];

// EventSource cannot send headers: in token mode the token is the access_token query parameter, and the
// stream ends when it expires (the client reconnects with its fresh token and resumes).
export function openSse(ctx, events) {
  const { room, since, epoch } = ctx;
  const me = ctx.name || guestName();
  const token = ctx.token();
  const url = roomUrl(ctx.base, room, '/events', token ? { since, epoch } : { name: me, since, epoch });
  ctx.wire('→', `GET ${url.pathname}${url.search} (Accept: text/event-stream)`);
  if (token) url.searchParams.set('access_token', token);
  const source = new ctx.env.EventSource(url.href);
  let closed = false;

  source.addEventListener('open', () => events.open());
  for (const type of EVENTS) {
    source.addEventListener(type, (e) => {
      ctx.wire('↓', `event: ${type}${e.lastEventId && type === 'message' ? ` id: ${e.lastEventId}` : ''} ${e.data}`);
      events.event(JSON.parse(e.data));
    });
  }
  // The client reconnects with its own position, so EventSource's automatic retry is not used.
  source.addEventListener('error', () => {
    if (closed) return;
    closed = true;
    source.close();
    events.close({});
  });

  return {
    name: 'sse',
    send: (message) => postMessage(ctx, me, message),
    typing: () => postTyping(ctx, me),
    read: (seq) => postRead(ctx, seq),
    edit: (edit) => patchMessage(ctx, edit),
    // The counts come back on the stream as well, as a 'reactions' event.
    react: (seq, emoji) => postReaction(ctx, me, seq, emoji),
    close() {
      closed = true;
      source.close();
    },
  };
}
