package dev.chat.transport.websocket;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
 */
final class WebSocketSink implements Sink {

    /** Where Vert.x encodes WebSocket frames; writing from here skips only handlers that do not write. */
    private static final String FRAME_ENCODER = "wsencoder";
    private static final int MAX_BUFFER = 256 * 1024;

    private final WebSocketConnection connection;
    private final Channel channel;
    private final ChannelHandlerContext encoder;
    private final long maxQueuedBytes;
    private final FanOutMeters meters;
    private final Queue<Frame> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private final Runnable flush = this::flush;

    WebSocketSink(WebSocketConnection connection, Channel channel, long maxQueuedBytes, FanOutMeters meters) {
        this.connection = connection;
        this.channel = channel;
        ChannelHandlerContext frameEncoder = channel.pipeline().context(FRAME_ENCODER);
        this.encoder = frameEncoder != null ? frameEncoder : channel.pipeline().lastContext();
        this.maxQueuedBytes = maxQueuedBytes;
        this.meters = meters;
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
        if (pendingBytes.addAndGet(frame.utf8().length) + inKernelQueue() > maxQueuedBytes) {
            meters.slowConsumer();
            disconnect(Disconnect.SLOW_CONSUMER);
            return;
        }
        pending.add(frame);
        if (!flushScheduled.get() && flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flush);
        }
    }

    @Override
    public void disconnect(Disconnect reason) {
        if (disconnected.compareAndSet(false, true)) {
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
    private void flush() {
        flushScheduled.set(false);
        if (disconnected.get() || connection.isClosed()) {
            pending.clear();
            return;
        }
        ByteBuf out = null;
        Frame frame;
        while ((frame = pending.poll()) != null) {
            byte[] payload = frame.utf8();
            pendingBytes.addAndGet(-payload.length);
            if (out != null && out.readableBytes() + payload.length > MAX_BUFFER) {
                encoder.write(out, encoder.voidPromise());
                out = null;
            }
            if (out == null) {
                // What waits is a good guess of the size, plus room for each frame's header.
                int expected = (int) Math.min(MAX_BUFFER, payload.length + pendingBytes.get() * 9 / 8);
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
