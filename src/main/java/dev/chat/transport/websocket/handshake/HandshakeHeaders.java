package dev.chat.transport.websocket.handshake;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * The upgrade request's headers, cut down to what the handshake itself still reads once the upgrade
 * check has read its own. Vert.x keeps the request's headers for the connection's whole life, and
 * websockets-next copies them into every connection's {@code HandshakeRequest}: a browser's Cookie,
 * User-Agent and the rest would cost each idle connection about 2 KB twice over, and nobody reads them
 * again.
 */
public final class HandshakeHeaders {

    /** What Vert.x reads to answer the upgrade (RFC 6455, 4.2.1), and the subprotocol it may select. */
    private static final Set<String> HANDSHAKE = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions");

    private HandshakeHeaders() {
    }

    /** Before the upgrade: what the upgrade check has read can go. */
    static void keepOnlyTheHandshakes(MultiMap headers) {
        List<String> unread = headers.names().stream()
                .filter(name -> !HANDSHAKE.contains(name.toLowerCase(Locale.ROOT)))
                .toList();
        unread.forEach(headers::remove);
    }

    /** Once the socket is open: the handshake's own headers can go too, from the request and its 101. */
    public static void forget(HttpServerRequest request) {
        request.headers().clear();
        request.response().headers().clear();
    }
}
