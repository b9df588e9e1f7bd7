package dev.chat.transport.websocket;

import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** {@code GET /} with an upgrade joins the lobby, as the lecture's server does; without one it serves the page. */
// Serial order is kept per socket by InboundOrder, without the framework's per-socket queue.
@WebSocket(path = "/", inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class LobbySocket {

    private final ChatSockets sockets;

    LobbySocket(ChatSockets sockets) {
        this.sockets = sockets;
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        return sockets.open(connection);
    }

    @OnTextMessage
    Uni<Void> text(WebSocketConnection connection, String frame) {
        return sockets.text(connection, frame);
    }

    @OnBinaryMessage
    Uni<Void> binary(WebSocketConnection connection, Buffer frame) {
        return sockets.binary(connection);
    }

    @OnClose
    Uni<Void> close(WebSocketConnection connection) {
        sockets.close(connection);
        return Uni.createFrom().voidItem();
    }

    @OnError
    Uni<Void> error(WebSocketConnection connection, Throwable failure) {
        return sockets.error(connection, failure);
    }
}
