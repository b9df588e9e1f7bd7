package dev.chat.transport.websocket.inbound;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Joins the fragments of a message into one frame before Vert.x sees them, because Vert.x
 * drops the continuation frames of a message whose first fragment is empty.
 *
 * <p>A peer that goes away in the middle of a fragmented message is not an application
 * error: the partial message is released quietly instead of being reported to the endpoint
 * as a {@code PrematureChannelClosureException}.
 */
final class FragmentJoiner extends WebSocketFrameAggregator {

    FragmentJoiner(int maxMessageSize) {
        super(maxMessageSize);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseCurrentMessage();
        ctx.fireChannelInactive();
    }
}
