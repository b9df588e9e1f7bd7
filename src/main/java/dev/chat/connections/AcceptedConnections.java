package dev.chat.connections;

import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * Sees every connection the HTTP port accepts, before it sends a byte: counts it for its TCP peer's
 * address and puts a {@link ConnectionGate} on it. Neither Vert.x nor Quarkus lets an application set a
 * connection handler on the server Quarkus creates, so this watches the listening socket itself, which
 * Vert.x keeps in its shared server.
 */
@ApplicationScoped
class AcceptedConnections implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(AcceptedConnections.class);

    private final AddressConnections connections;
    private final ConnectionLimitConfig config;
    private final Vertx vertx;

    AcceptedConnections(AddressConnections connections, ConnectionLimitConfig config, Vertx vertx) {
        this.connections = connections;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * Cleartext HTTP/2 off: with it on, Vert.x sets up a connection's pipeline only once its first bytes
     * show which protocol it speaks, so the gate could not see the first request head. Browsers never
     * speak cleartext HTTP/2, and clients that offer it fall back to HTTP/1.1.
     */
    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }

    void watch(@ObservesAsync HttpServerStart started) {
        for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
            Channel listening = listeningChannel(server);
            if (listening != null && listening.pipeline().get(OnAccept.class) == null) {
                listening.pipeline().addFirst(new OnAccept());
            }
        }
    }

    private static Channel listeningChannel(TCPServerBase server) {
        try {
            Field bound = TCPServerBase.class.getDeclaredField("bindFuture");
            bound.setAccessible(true);
            Future<?> future = (Future<?>) bound.get(server);
            return future != null && future.result() instanceof Channel channel ? channel : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("connections per address and request head timeout are not enforced: %s", e.toString());
            return null;
        }
    }

    static String addressOf(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress()
                : String.valueOf(peer);
    }

    /** On the listening socket: each accepted channel is counted, and gated once Vert.x has set it up. */
    @Sharable
    private final class OnAccept extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                ConnectionGate gate = new ConnectionGate(connections, config.requestHeadTimeout().toMillis());
                gate.countFor(addressOf(accepted.remoteAddress()));
                accepted.closeFuture().addListener(closed -> gate.release());
                accepted.pipeline().addFirst(new Installer(gate));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Vert.x sets up the HTTP pipeline as the channel registers; the gate goes in right after. */
    private static final class Installer extends ChannelInboundHandlerAdapter {

        private final ConnectionGate gate;

        Installer(ConnectionGate gate) {
            this.gate = gate;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (ctx.pipeline().get("handler") != null) {
                ctx.pipeline().addBefore("handler", ConnectionGate.NAME, gate);
            }
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }
}
