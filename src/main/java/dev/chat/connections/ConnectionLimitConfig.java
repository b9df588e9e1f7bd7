package dev.chat.connections;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.limits")
public interface ConnectionLimitConfig {

    /**
     * Open connections one client address may hold on the HTTP port: WebSockets, event streams, waiting
     * long polls, idle keep-alive connections and connections still sending their request head. 256 lets
     * an office of a hundred people behind one NAT address each keep a tab or two open (one WebSocket or
     * event stream per tab) plus the few keep-alive connections a browser holds, while one address can
     * take only a small share of the process's file descriptors. {@code 0} turns the limit off.
     */
    @WithDefault("256")
    int connectionsPerAddress();

    /**
     * A connection whose request head is not complete this long after it was accepted, or after its last
     * response on keep-alive, is closed (slowloris).
     */
    @WithDefault("10s")
    Duration requestHeadTimeout();
}
