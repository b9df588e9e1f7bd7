package dev.chat.transport.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.chat.ops.ChatMetrics;
import dev.chat.room.Disconnect;
import dev.chat.room.Sink;
import dev.chat.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Writes a member's frames to its socket from the socket's own event loop. Frames wait in a queue
 * until that loop's next turn, then all of them go out in one buffer and one flush, so a busy room
 * costs one system call per connection per turn rather than one per message.
 *
 * <p>What is queued or written but not yet taken by the kernel is counted: past
 * {@code chat.outbound.max-queued-bytes} the reader is too slow, and it is closed (1013) rather than
 * allowed to hold memory. It reconnects and resumes from history.
 */
final class WebSocketSink implements Sink {

    private static final int MAX_BUFFER = 64 * 1024;
    /** Reused by each event loop for the frames it is writing to one socket; emptied after each use. */
    private static final ThreadLocal<List<Frame>> BATCH = ThreadLocal.withInitial(ArrayList::new);

    private final WebSocketConnection connection;
    private final Channel channel;
    private final long maxQueuedBytes;
    private final ChatMetrics metrics;
    private final Queue<Frame> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private final Runnable flush = this::flush;

    WebSocketSink(WebSocketConnection connection, Channel channel, long maxQueuedBytes, ChatMetrics metrics) {
        this.connection = connection;
        this.channel = channel;
        this.maxQueuedBytes = maxQueuedBytes;
        this.metrics = metrics;
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public void write(Frame frame) {
        if (disconnected.get()) {
            return;
        }
        if (queuedBytes.addAndGet(frame.utf8().length) > maxQueuedBytes) {
            metrics.slowConsumer();
            disconnect(Disconnect.SLOW_CONSUMER);
            return;
        }
        pending.add(frame);
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flush);
        }
    }

    @Override
    public void disconnect(Disconnect reason) {
        if (disconnected.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> {
                pending.clear();
                connection.close(new CloseReason(reason.closeCode(), reason.reason())).subscribe().with(closed -> {
                }, failed -> {
                });
            });
        }
    }

    /** Runs on the channel's event loop: everything queued so far leaves in one flush. */
    private void flush() {
        flushScheduled.set(false);
        if (disconnected.get() || connection.isClosed()) {
            pending.clear();
            return;
        }
        List<Frame> batch = BATCH.get();
        int size = 0;
        Frame frame;
        while ((frame = pending.poll()) != null) {
            if (size > 0 && size + frame.utf8().length + TextFraming.maxHeader() > MAX_BUFFER) {
                write(batch, size);
                size = 0;
            }
            batch.add(frame);
            size += frame.utf8().length + TextFraming.maxHeader();
        }
        if (size > 0) {
            write(batch, size);
            channel.flush();
        }
    }

    /** One buffer sized to the batch, so a reader that lags holds no more memory than its frames. */
    private void write(List<Frame> batch, int size) {
        ByteBuf out = channel.alloc().ioBuffer(size);
        int payloads = 0;
        for (Frame frame : batch) {
            TextFraming.write(out, frame.utf8());
            payloads += frame.utf8().length;
        }
        batch.clear();
        int written = payloads;
        channel.write(out).addListener(done -> queuedBytes.addAndGet(-written));
    }
}
