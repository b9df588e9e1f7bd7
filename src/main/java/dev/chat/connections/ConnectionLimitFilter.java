package dev.chat.connections;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers 429 with {@code Retry-After} to any request, WebSocket upgrades included, that arrives on a
 * connection over its client's {@code chat.limits.connections-per-address}, and closes that connection.
 * Here the client is known as Quarkus reports it: the forwarded address when the TCP peer is a trusted
 * proxy, so a proxy's connections count for the clients whose requests they carry, not for the proxy.
 */
@ApplicationScoped
class ConnectionLimitFilter {

    /** Before every route of the application, including the WebSocket upgrades. */
    private static final int ORDER = -1_000;
    static final String RETRY_AFTER_SECONDS = "5";

    private final ConnectionLimitConfig config;

    ConnectionLimitFilter(ConnectionLimitConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (config.connectionsPerAddress() <= 0 || !(request.connection() instanceof ConnectionBase connection)) {
            context.next();
            return;
        }
        ConnectionGate gate = connection.channel().pipeline().get(ConnectionGate.class);
        if (gate == null || gate.countFor(request.remoteAddress().hostAddress()) <= config.connectionsPerAddress()) {
            context.next();
            return;
        }
        context.response().setStatusCode(429)
                .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end("{\"error\":\"too many connections from this address\"}")
                .onComplete(done -> connection.close());
    }
}
