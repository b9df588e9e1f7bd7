package dev.chat.transport.http;

import dev.chat.limits.Sender;
import dev.chat.message.Identity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Whose token bucket an HTTP post takes from. In token mode it is the token's user, shared with the
 * user's WebSockets. An anonymous sender is its client address, whatever name it gives, so a new name is
 * not a new bucket. The address is the TCP peer's, or the forwarded one when
 * the peer is a trusted proxy ({@code quarkus.http.proxy.*}), which is what Quarkus reports as the
 * request's remote address.
 */
final class Senders {

    private Senders() {
    }

    static Sender of(HttpServerRequest request, Identity identity) {
        return identity != null ? Sender.user(identity.uid()) : Sender.address(request.remoteAddress().hostAddress());
    }
}
