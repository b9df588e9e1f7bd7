package dev.chat.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.drain")
public interface DrainConfig {

    /**
     * The span over which connections are closed once shutdown begins, each at a random moment, so
     * thousands of clients do not reconnect in the same millisecond. Keep it inside
     * {@code quarkus.shutdown.delay}, during which readiness already reports DOWN.
     */
    @WithDefault("10s")
    Duration window();
}
