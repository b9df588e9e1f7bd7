package dev.chat.connections;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/** Gives every accepted socket the fixed send buffer of {@code chat.outbound.send-buffer-bytes}. */
@ApplicationScoped
class SocketSendBuffer implements HttpServerOptionsCustomizer {

    private final OutboundConfig outbound;

    SocketSendBuffer(OutboundConfig outbound) {
        this.outbound = outbound;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(outbound.sendBufferBytes());
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setSendBufferSize(outbound.sendBufferBytes());
    }
}
