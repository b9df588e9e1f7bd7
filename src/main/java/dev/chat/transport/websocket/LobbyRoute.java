package dev.chat.transport.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.message.RoomName;
import dev.chat.transport.websocket.handshake.HandshakeEcho;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * {@code GET /} with an upgrade joins the lobby, as the lecture's server does: the request is routed to
 * {@link ChatSocket} as {@code /chat/lobby}, query and all. Without an upgrade, {@code /} serves the page.
 */
@ApplicationScoped
class LobbyRoute {

    /** Before the static page, after the connection limits (order -1000). */
    private static final int ORDER = -500;

    void install(@Observes Router router) {
        router.get("/").order(ORDER).handler(context -> {
            HttpServerRequest request = context.request();
            if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
                context.next();
                return;
            }
            String query = request.query();
            HandshakeEcho.rememberAskedUri(context);
            context.reroute("/chat/" + RoomName.LOBBY + (query == null ? "" : "?" + query));
        });
    }
}
