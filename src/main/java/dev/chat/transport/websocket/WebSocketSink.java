package dev.chat.transport.websocket;

import org.jboss.logging.Logger;

import dev.chat.room.Sink;
import dev.chat.wire.Frame;
import io.quarkus.websockets.next.WebSocketConnection;

/** Writes a member's frames to its WebSocket. */
final class WebSocketSink implements Sink {

    private static final Logger LOG = Logger.getLogger(WebSocketSink.class);

    private final WebSocketConnection connection;

    WebSocketSink(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public void write(Frame frame) {
        if (connection.isClosed()) {
            return;
        }
        connection.sendText(frame.json()).subscribe().with(sent -> {
        }, failure -> LOG.debugf("write to %s failed: %s", connection.id(), failure.getMessage()));
    }
}
