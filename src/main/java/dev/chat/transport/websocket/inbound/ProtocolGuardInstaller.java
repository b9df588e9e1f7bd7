package dev.chat.transport.websocket.inbound;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts the connection's inbound protocol checks into its Netty pipeline when a WebSocket
 * upgrade request arrives, ahead of Vert.x, for every WebSocket endpoint of the server.
 *
 * <p>The handlers only act on WebSocket frames, which appear once the handshake has swapped
 * the HTTP codec for the frame decoder, so adding them before the upgrade is safe: first
 * {@link InboundMessageGuard}, which checks every fragment as it arrives, then
 * {@link FragmentJoiner}.
 */
@ApplicationScoped
public class ProtocolGuardInstaller {

    private static final String GUARD = "chat-ws-guard";
    private static final String JOINER = "chat-ws-joiner";
    /** Name under which Vert.x registers its own handler, the last one in the pipeline. */
    private static final String VERTX_HANDLER = "handler";
    private static final Logger LOG = Logger.getLogger(ProtocolGuardInstaller.class);

    private final int maxMessageSize;

    ProtocolGuardInstaller(@ConfigProperty(name = "quarkus.websockets-next.server.max-message-size")
            OptionalInt maxMessageSize) {
        this.maxMessageSize = maxMessageSize.orElse(HttpServerOptions.DEFAULT_MAX_WEBSOCKET_MESSAGE_SIZE);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::installOnUpgrade);
    }

    private void installOnUpgrade(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                && request.connection() instanceof ConnectionBase connection) {
            install(connection.channelHandlerContext().pipeline());
        }
        routing.next();
    }

    private void install(ChannelPipeline pipeline) {
        if (pipeline.get(GUARD) != null) {
            return;
        }
        if (pipeline.get(VERTX_HANDLER) == null) {
            LOG.warnf("No Vert.x handler in the pipeline %s; WebSocket protocol checks not installed", pipeline.names());
            return;
        }
        pipeline.addBefore(VERTX_HANDLER, GUARD, new InboundMessageGuard(maxMessageSize));
        pipeline.addBefore(VERTX_HANDLER, JOINER, new FragmentJoiner(maxMessageSize));
    }
}
