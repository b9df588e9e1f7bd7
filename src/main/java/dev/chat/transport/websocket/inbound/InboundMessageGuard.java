package dev.chat.transport.websocket.inbound;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sits between Netty's frame decoder and Vert.x on one WebSocket connection and fails
 * the connection, with the close code RFC 6455 asks for, on what Vert.x lets through:
 * text that is not UTF-8 (1007), messages over the size limit counted across fragments
 * (1009), and the decoder's own protocol errors, which Vert.x would answer by dropping
 * TCP without a close frame (1002, 1007, 1009).
 *
 * <p>Fragments are checked as they arrive, so a bad message is refused at its first bad
 * frame. After a failure nothing more reaches the application.
 */
final class InboundMessageGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(InboundMessageGuard.class);

    private static final Duration CLOSE_LINGER = Duration.ofSeconds(2);

    private final int maxMessageSize;
    private Utf8Validator text;
    private long messageSize;
    private boolean peerClosing;
    private boolean failed;

    InboundMessageGuard(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof CloseWebSocketFrame) {
            peerClosing = true;
        } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame) {
            WebSocketCloseStatus violation = check((WebSocketFrame) msg);
            if (violation != null) {
                ReferenceCountUtil.release(msg);
                fail(ctx, violation);
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    /** The decoder has already checked opcodes, masking, RSV bits and fragment order. */
    private WebSocketCloseStatus check(WebSocketFrame frame) {
        ByteBuf payload = frame.content();
        if (!(frame instanceof ContinuationWebSocketFrame)) {
            messageSize = 0;
            text = frame instanceof TextWebSocketFrame ? new Utf8Validator() : null;
        }
        messageSize += payload.readableBytes();
        if (messageSize > maxMessageSize) {
            return WebSocketCloseStatus.MESSAGE_TOO_BIG;
        }
        if (text != null) {
            payload.forEachByte(text);
            boolean textEnded = frame.isFinalFragment();
            if (!text.valid() || textEnded && !text.complete()) {
                return WebSocketCloseStatus.INVALID_PAYLOAD_DATA;
            }
        }
        return null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (!upgraded(ctx)) {
            super.exceptionCaught(ctx, cause);
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            fail(ctx, corrupted.closeStatus());
        } else if (cause instanceof TooLongFrameException) {
            fail(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG);
        } else {
            super.exceptionCaught(ctx, cause);
        }
    }

    /** The guard joins the pipeline during the upgrade request, while HTTP errors are still possible. */
    private static boolean upgraded(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(WebSocketFrameDecoder.class) != null;
    }

    private void fail(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
        if (failed) {
            return;
        }
        failed = true;
        LOG.debugf("Failing WebSocket connection from %s: %s", ctx.channel().remoteAddress(), status);
        // Always ctx.close(), never channel().close(): the latter passes Vert.x's handler,
        // which answers with a second close frame carrying 1000.
        if (peerClosing || !ctx.channel().isActive()) {
            ctx.close();
        } else {
            ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(written -> lingeringClose(ctx));
        }
    }

    /**
     * Closing a socket with unread input makes the kernel send a reset, which can destroy the
     * close frame before the peer reads it, as when a client is still sending an oversize
     * message. So send FIN first and let the peer close, discarding what it still sends.
     */
    private static void lingeringClose(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), CLOSE_LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            ctx.close();
        }
    }
}
