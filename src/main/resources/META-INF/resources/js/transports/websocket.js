// WebSocket transport: one socket carries both directions (lecture ch. 12).

export function connectWebSocket({ room, name, since, epoch }, events) {
  const url = new URL(`/chat/${encodeURIComponent(room)}`, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  if (name) url.searchParams.set('name', name);
  if (since != null) url.searchParams.set('since', since);
  if (epoch) url.searchParams.set('epoch', epoch);

  const socket = new WebSocket(url);
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
    close() {
      socket.close(1000, 'bye');
    },
  };
}
