package dev.chat.transport.websocket.outbound;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.websocket")
public interface WebSocketConfig {

    /**
     * How often each WebSocket is pinged, well under the 60 s idle timeout common to proxies and load
     * balancers; 0 turns pings off. One timer pings them all ({@link SocketPings}).
     */
    @WithDefault("20s")
    Duration pingInterval();
}
