package dev.chat.transport.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * Whose token bucket an HTTP post takes from. An anonymous sender is its client address, whatever name
 * it gives, so a new name is not a new bucket. The address is the TCP peer's, or the forwarded one when
 * the peer is a trusted proxy ({@code quarkus.http.proxy.*}), which is what Quarkus reports as the
 * request's remote address.
 */
final class Senders {

    private Senders() {
    }

    static String bucketOf(HttpServerRequest request) {
        return "address:" + request.remoteAddress().hostAddress();
    }
}
