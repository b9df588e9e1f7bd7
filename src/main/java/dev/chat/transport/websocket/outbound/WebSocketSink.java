package dev.chat.transport.websocket.outbound;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import dev.chat.fanout.Disconnect;
import dev.chat.fanout.FanOutMeters;
import dev.chat.fanout.Sink;
import dev.chat.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Writes a member's frames to its socket from the socket's own event loop. Frames wait in a queue until
 * that loop's next turn for this socket, then everything queued leaves in one buffer and one flush: the
 * busier the room, the more frames each system call carries.
 *
 * <p>Frames go in already framed (a server frame is the same bytes for every recipient), written at the
 * pipeline's frame encoder, which passes bytes on to the socket (through TLS, if any). What waits here
 * or in the kernel's queue is counted: past {@code chat.outbound.max-queued-bytes} the reader is too
 * slow, and it is closed (1013) rather than allowed to hold memory. It reconnects and resumes.
 *
 * <p>Every idle connection holds one of these, so its state is plain fields updated atomically, not
 * an object per flag, and the sink is itself the task that flushes it.
 */
public final class WebSocketSink implements Sink, Runnable {

    /** Where Vert.x encodes WebSocket frames; writing from here skips only handlers that do not write. */
    private static final String FRAME_ENCODER = "wsencoder";
    /**
     * Vert.x's idle timeout handler, a timer per connection. A WebSocket is pinged ({@link SocketPings}),
     * and a peer that is gone fails those writes, so the timer has nothing left to find.
     */
    private static final String IDLE_TIMEOUT = "idle";
    private static final int MAX_BUFFER = 256 * 1024;
    private static final int FIN_PING = 0x89;
    private static final AtomicInteger SERIALS = new AtomicInteger();
    private static final AtomicLongFieldUpdater<WebSocketSink> PENDING_BYTES =
            AtomicLongFieldUpdater.newUpdater(WebSocketSink.class, "pendingBytes");
    private static final AtomicIntegerFieldUpdater<WebSocketSink> FLUSH_SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(WebSocketSink.class, "flushScheduled");
    private static final AtomicIntegerFieldUpdater<WebSocketSink> DISCONNECTED =
            AtomicIntegerFieldUpdater.newUpdater(WebSocketSink.class, "disconnected");

    private final WebSocketConnection connection;
    private final Channel channel;
    private final ChannelHandlerContext encoder;
    private final long maxQueuedBytes;
    private final FanOutMeters meters;
    private final int serial = SERIALS.getAndIncrement() & Integer.MAX_VALUE;
    private final Queue<Frame> pending = new ConcurrentLinkedQueue<>();
    private volatile long pendingBytes;
    private volatile int flushScheduled;
    private volatile int disconnected;

    public WebSocketSink(WebSocketConnection connection, Channel channel, long maxQueuedBytes, FanOutMeters meters) {
        this.connection = connection;
        this.channel = channel;
        ChannelHandlerContext frameEncoder = channel.pipeline().context(FRAME_ENCODER);
        this.encoder = frameEncoder != null ? frameEncoder : channel.pipeline().lastContext();
        this.maxQueuedBytes = maxQueuedBytes;
        this.meters = meters;
        channel.eventLoop().execute(() -> {
            if (channel.pipeline().get(IDLE_TIMEOUT) != null) {
                channel.pipeline().remove(IDLE_TIMEOUT);
            }
        });
    }

    @Override
    public String transport() {
        return "websocket";
    }

    /** Spreads the connections over {@link SocketPings}'s slots. */
    int serial() {
        return serial;
    }

    @Override
    public void write(Frame frame) {
        if (disconnected != 0) {
            return;
        }
        if (PENDING_BYTES.addAndGet(this, frame.utf8().length) + inKernelQueue() > maxQueuedBytes) {
            meters.slowConsumer();
            disconnect(Disconnect.SLOW_CONSUMER);
            return;
        }
        pending.add(frame);
        if (flushScheduled == 0 && FLUSH_SCHEDULED.compareAndSet(this, 0, 1)) {
            channel.eventLoop().execute(this);
        }
    }

    /** An empty ping, written on the socket's loop between whole frames. */
    void ping() {
        channel.eventLoop().execute(() -> {
            if (disconnected == 0 && !connection.isClosed()) {
                encoder.writeAndFlush(channel.alloc().ioBuffer(2).writeByte(FIN_PING).writeByte(0), encoder.voidPromise());
            }
        });
    }

    @Override
    public void disconnect(Disconnect reason) {
        if (DISCONNECTED.compareAndSet(this, 0, 1)) {
            channel.eventLoop().execute(() -> {
                pending.clear();
                if (!connection.isClosed()) {
                    connection.close(new CloseReason(reason.closeCode(), reason.reason())).subscribe().with(closed -> {
                    }, failed -> {
                    });
                }
            });
        }
    }

    /** Runs on the channel's event loop: everything queued so far leaves with one flush. */
    @Override
    public void run() {
        flushScheduled = 0;
        if (disconnected != 0 || connection.isClosed()) {
            pending.clear();
            return;
        }
        ByteBuf out = null;
        Frame frame;
        while ((frame = pending.poll()) != null) {
            byte[] payload = frame.utf8();
            long stillPending = PENDING_BYTES.addAndGet(this, -payload.length);
            if (out != null && out.readableBytes() + payload.length > MAX_BUFFER) {
                encoder.write(out, encoder.voidPromise());
                out = null;
            }
            if (out == null) {
                // What waits is a good guess of the size, plus room for each frame's header.
                int expected = (int) Math.min(MAX_BUFFER, payload.length + stillPending * 9 / 8);
                out = channel.alloc().ioBuffer(expected + TextFraming.maxHeader());
            }
            TextFraming.write(out, payload);
        }
        if (out != null) {
            encoder.writeAndFlush(out, encoder.voidPromise());
        }
    }

    /** Bytes written to the channel that the kernel has not taken yet. */
    private long inKernelQueue() {
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        return outbound == null ? 0 : outbound.totalPendingWriteBytes();
    }
}
