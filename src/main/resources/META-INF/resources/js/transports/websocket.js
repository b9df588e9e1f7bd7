// WebSocket transport: one socket carries both directions (lecture ch. 12).

// In token mode the token rides in the bearer-token-carrier subprotocol, so it is in no URL.
export function connectWebSocket({ room, name, since, epoch, access }, events) {
  const url = new URL(`/chat/${encodeURIComponent(room)}`, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  if (name && !access) url.searchParams.set('name', name);
  if (since != null) url.searchParams.set('since', since);
  if (epoch) url.searchParams.set('epoch', epoch);

  const socket = access
    ? new WebSocket(url, ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${access.token}`)])
    : new WebSocket(url);
  events.wire?.('→', `GET ${url.pathname}${url.search} (Upgrade: websocket)`);

  socket.addEventListener('open', () => events.open());
  socket.addEventListener('message', (e) => {
    events.wire?.('↓', e.data);
    events.event(JSON.parse(e.data));
  });
  socket.addEventListener('close', (e) => {
    events.wire?.('↓', `close ${e.code}${e.reason ? ` ${e.reason}` : ''}`);
    events.close({ code: e.code, reason: e.reason });
  });

  return {
    name: 'websocket',
    send(message) {
      const frame = JSON.stringify(message);
      events.wire?.('↑', frame);
      socket.send(frame);
      return Promise.resolve();
    },
    // A fresh token for this same connection; the server answers with a refreshed frame.
    refresh(token) {
      const frame = JSON.stringify({ type: 'refresh', token });
      events.wire?.('↑', '{"type":"refresh","token":"…"}');
      socket.send(frame);
    },
    close() {
      socket.close(1000, 'bye');
    },
  };
}
