package dev.chat.connections;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One HTTP connection's place in the count of its client address, and the clock on its request head: the
 * connection is closed when no complete head arrived within the timeout of its accept or of its last
 * response. Sits between the HTTP codec and Vert.x, so it sees decoded heads and responses; it leaves
 * the pipeline once the connection is upgraded to a WebSocket, and the count goes with the close.
 */
final class ConnectionGate extends ChannelDuplexHandler {

    static final String NAME = "chat-connection-gate";

    private final AddressConnections connections;
    private final long timeoutMillis;
    private String address;
    private ScheduledFuture<?> headTimer;
    /** Requests whose heads came and whose responses have not all been written; pipelining allows several. */
    private int inFlight;

    ConnectionGate(AddressConnections connections, long timeoutMillis) {
        this.connections = connections;
        this.timeoutMillis = timeoutMillis;
    }

    /** Counts the connection for {@code client} instead of whom it counted for; answers the count. */
    synchronized int countFor(String client) {
        if (client.equals(address)) {
            return connections.of(client);
        }
        release();
        address = client;
        return connections.acquire(client);
    }

    synchronized void release() {
        if (address != null) {
            connections.release(address);
            address = null;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        startClock(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            inFlight++;
            stopClock();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopClock();
        ctx.fireChannelInactive();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            stopClock();
            ctx.pipeline().remove(this);
        } else if (msg instanceof LastHttpContent) {
            promise = promise.unvoid();
            promise.addListener(written -> {
                if (--inFlight <= 0) {
                    inFlight = 0;
                    startClock(ctx);
                }
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopClock();
    }

    private void startClock(ChannelHandlerContext ctx) {
        stopClock();
        if (ctx.channel().isOpen()) {
            headTimer = ctx.executor().schedule(() -> ctx.close(), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void stopClock() {
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }
}
