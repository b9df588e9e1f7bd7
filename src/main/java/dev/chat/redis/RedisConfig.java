package dev.chat.redis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this instance uses Redis when {@code chat.backplane=redis}; the server itself is {@code quarkus.redis.hosts}. */
@ConfigMapping(prefix = "chat.redis")
public interface RedisConfig {

    /** Entries the control feed (user disconnects) keeps, approximately. */
    @WithDefault("1000")
    int feedSize();

    /**
     * Replicas that must hold a message before it is acknowledged (Redis {@code WAIT}): 0 on a single
     * Redis; 1 on a Cluster or Sentinel setup with a replica per master, so a failover does not lose it.
     */
    @WithDefault("0")
    int ackReplicas();

    /** Longest wait for those replicas; a message they did not confirm in time is refused as unavailable. */
    @WithDefault("1s")
    Duration ackTimeout();

    /** Connections to each Redis node for commands (subscriptions have their own). */
    @WithDefault("16")
    int poolSize();

    /** Longest wait for Redis to answer a command before the send is refused as unavailable. */
    @WithDefault("3s")
    Duration timeout();

    /** Pause between attempts to reach Redis again after losing it. */
    @WithDefault("1s")
    Duration reconnectInterval();

    /** Rooms that catch up from history at once after their channels came back (a failover, a reconnect). */
    @WithDefault("8")
    int catchUpConcurrency();

    /** Each of those catch-ups starts after a random delay of up to this, so instances do not all read at once. */
    @WithDefault("1s")
    Duration catchUpJitter();

    /** How long a room's channel is kept after its last local member left, for a long poller's next request. */
    @WithDefault("2s")
    Duration subscriptionGrace();
}
