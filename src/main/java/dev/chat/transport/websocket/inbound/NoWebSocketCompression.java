package dev.chat.transport.websocket.inbound;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns off both WebSocket compression extensions Vert.x offers by default.
 *
 * <p>While either is offered, Vert.x builds Netty's frame decoder with extensions allowed,
 * and the decoder then accepts frames with RSV bits set on every connection, even where no
 * extension was negotiated. Chat messages are small, so compression would gain little.
 * The websockets-next setting only covers per-message deflate, not per-frame.
 */
@ApplicationScoped
public class NoWebSocketCompression implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        disableCompression(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        disableCompression(options);
    }

    private static void disableCompression(HttpServerOptions options) {
        options.setPerFrameWebSocketCompressionSupported(false);
        options.setPerMessageWebSocketCompressionSupported(false);
    }
}
