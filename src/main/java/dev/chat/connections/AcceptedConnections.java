package dev.chat.connections;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;

/**
 * Sees every connection the HTTP port accepts, before it sends a byte: counts it for its TCP peer's
 * address and puts a {@link ConnectionGate} on it. Neither Vert.x nor Quarkus lets an application set a
 * connection handler on the server Quarkus creates, so this watches the listening socket itself: the
 * parent of the first connection that makes a request. Once the server listens it sends itself one
 * request, so the socket is watched before the instance reports ready (see {@link #isWatching}); a
 * readiness probe's own request would put it on too.
 */
@ApplicationScoped
public class AcceptedConnections implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(AcceptedConnections.class);
    /** Before everything, the connection limit included. */
    private static final int ORDER = -2_000;
    /** Any path does: the watch goes on before routing, and the answer (404) is not read. */
    private static final String PROBE_PATH = "/q/connection-gate";

    private final AddressConnections connections;
    private final ConnectionLimitConfig config;
    private final Vertx vertx;
    private final Set<Channel> watched = ConcurrentHashMap.newKeySet();

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

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            if (context.request().connection() instanceof ConnectionBase connection) {
                watch(connection.channel().parent());
            }
            context.next();
        });
    }

    /** Each listening port makes one request to itself, which puts the watch on its socket. */
    void probe(@ObservesAsync HttpServerStart start) {
        HttpServerOptions options = start.options();
        ((VertxInternal) vertx).sharedHttpServers().forEach((id, server) -> {
            // A random port (0 or -1) is kept under a key of its own kind, so the port is what tells them apart.
            if (id.port == options.getPort() && server.actualPort() > 0) {
                probe(options.getHost(), server.actualPort(), options.isSsl());
            }
        });
    }

    private void probe(String bound, int port, boolean ssl) {
        String host = "0.0.0.0".equals(bound) || "::".equals(bound) ? "127.0.0.1" : bound;
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(ssl).setTrustAll(true).setVerifyHost(false));
        client.request(HttpMethod.GET, port, host, PROBE_PATH)
                .compose(request -> request.send())
                .onComplete(done -> {
                    client.close();
                    if (done.failed()) {
                        LOG.warnf("connections per address and request head timeout wait for a first request: %s",
                                done.cause().toString());
                    }
                });
    }

    /** True once a listening socket is watched: from then on every connection it accepts is counted and gated. */
    public boolean isWatching() {
        return !watched.isEmpty();
    }

    private void watch(Channel listening) {
        if (listening != null && watched.add(listening)) {
            listening.pipeline().addFirst(new OnAccept());
            listening.closeFuture().addListener(closed -> watched.remove(listening));
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
