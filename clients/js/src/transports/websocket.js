// WebSocket transport: one socket carries both directions (lecture ch. 12).

// In token mode the token rides in the bearer-token-carrier subprotocol, so it is in no URL.
export function openWebSocket(ctx, events) {
  const { room, name, since, epoch } = ctx;
  const url = new URL(`chat/${encodeURIComponent(room)}`, ctx.base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = ctx.token();
  if (name && !token) url.searchParams.set('name', name);
  if (since != null) url.searchParams.set('since', since);
  if (epoch) url.searchParams.set('epoch', epoch);
  // Asks the service for a handshake frame first: its view of this upgrade, which a page cannot read.
  if (ctx.handshake) url.searchParams.set('wire', '1');

  const socket = token
    ? new ctx.env.WebSocket(url.href, ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${token}`)])
    : new ctx.env.WebSocket(url.href);
  ctx.wire('→', `GET ${url.pathname}${url.search} (Upgrade: websocket)`);
  let reactions = 0;

  socket.addEventListener('open', () => events.open());
  socket.addEventListener('message', (e) => {
    ctx.wire('↓', e.data);
    events.event(JSON.parse(e.data));
  });
  socket.addEventListener('close', (e) => {
    ctx.wire('↓', `close ${e.code}${e.reason ? ` ${e.reason}` : ''}`);
    events.close({ code: e.code, reason: e.reason });
  });
  // An error is always followed by a close, which is where the client reacts.
  socket.addEventListener('error', () => {});

  return {
    name: 'websocket',
    // The answer comes back on the socket: the stored message with this ref, or an error frame.
    async send(message) {
      const frame = JSON.stringify(message);
      ctx.wire('↑', frame);
      socket.send(frame);
      return null;
    },
    typing() {
      const frame = '{"type":"typing"}';
      ctx.wire('↑', frame);
      socket.send(frame);
    },
    // The server answers a moved mark with a read frame to all the user's connections, this one too.
    read(seq) {
      const frame = JSON.stringify({ type: 'read', seq });
      ctx.wire('↑', frame);
      socket.send(frame);
    },
    // The answer comes back on the socket: the room's edit, or an error frame with this ref.
    async edit({ seq, text, ref }) {
      const frame = JSON.stringify({ type: 'edit', seq, text, ref });
      ctx.wire('↑', frame);
      socket.send(frame);
      return null;
    },
    // The counts come back on the socket as a 'reactions' frame; a refusal as an error frame with this ref.
    async react(seq, emoji) {
      reactions += 1;
      const frame = JSON.stringify({ type: 'react', seq, emoji, ref: `react-${reactions}` });
      ctx.wire('↑', frame);
      socket.send(frame);
    },
    // A fresh token for this same connection; the server answers with a refreshed frame.
    refresh(fresh) {
      ctx.wire('↑', '{"type":"refresh","token":"…"}');
      socket.send(JSON.stringify({ type: 'refresh', token: fresh }));
    },
    close() {
      socket.close(1000, 'bye');
    },
  };
}
