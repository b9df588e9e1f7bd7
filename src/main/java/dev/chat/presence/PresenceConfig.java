package dev.chat.presence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long an instance's members count as online without a heartbeat. An instance that dies without a
 * goodbye leaves every room's presence within {@code expiry + heartbeat} (20 s + 5 s by default).
 */
@ConfigMapping(prefix = "chat.presence")
public interface PresenceConfig {

    @WithDefault("5s")
    Duration heartbeat();

    @WithDefault("20s")
    Duration expiry();

    /**
     * Joins and leaves are announced while the room has at most this many names online. Past that, each
     * arrival would cost a frame to everyone (n² frames for n arrivals); clients of a large room read
     * the count from {@code welcome} and {@code GET /api/rooms/{room}} instead.
     */
    @WithDefault("200")
    int announceUpTo();
}
