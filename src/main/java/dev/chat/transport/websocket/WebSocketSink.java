package dev.chat.transport.websocket;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.chat.ops.ChatMetrics;
import dev.chat.room.Disconnect;
import dev.chat.room.Sink;
import dev.chat.wire.Frame;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Writes a member's frames to its WebSocket, counting what is written but not yet on the wire: past
 * the bound the reader is too slow, and it is closed rather than allowed to hold memory.
 */
final class WebSocketSink implements Sink {

    private final WebSocketConnection connection;
    private final long maxQueuedBytes;
    private final ChatMetrics metrics;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean disconnected = new AtomicBoolean();

    WebSocketSink(WebSocketConnection connection, long maxQueuedBytes, ChatMetrics metrics) {
        this.connection = connection;
        this.maxQueuedBytes = maxQueuedBytes;
        this.metrics = metrics;
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public void write(Frame frame) {
        if (disconnected.get() || connection.isClosed()) {
            return;
        }
        long size = frame.json().length();
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            metrics.slowConsumer();
            disconnect(Disconnect.SLOW_CONSUMER);
            return;
        }
        connection.sendText(frame.json()).subscribe().with(
                written -> queuedBytes.addAndGet(-size),
                failed -> queuedBytes.addAndGet(-size));
    }

    @Override
    public void disconnect(Disconnect reason) {
        if (disconnected.compareAndSet(false, true)) {
            connection.close(new CloseReason(reason.closeCode(), reason.reason())).subscribe().with(closed -> {
            }, failed -> {
            });
        }
    }
}
