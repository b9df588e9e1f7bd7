package dev.chat.redis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this instance uses Redis when {@code chat.backplane=redis}; the server itself is {@code quarkus.redis.hosts}. */
@ConfigMapping(prefix = "chat.redis")
public interface RedisConfig {

    /** Entries the cluster feed keeps (approximately); an instance that falls further behind catches up from history. */
    @WithDefault("10000")
    int feedSize();

    /** Longest wait for Redis to answer a command before the send is refused as unavailable. */
    @WithDefault("3s")
    Duration timeout();

    /** Pause between attempts to reach Redis again after losing it. */
    @WithDefault("1s")
    Duration reconnectInterval();
}
