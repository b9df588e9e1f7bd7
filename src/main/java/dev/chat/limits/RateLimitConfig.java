package dev.chat.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** A token bucket per sender: {@code burst} messages at once, refilled at {@code per-second}; 0 turns it off. */
@ConfigMapping(prefix = "chat.rate-limit")
public interface RateLimitConfig {

    @WithDefault("20")
    int burst();

    @WithDefault("5")
    double perSecond();

    /** Refused messages within ten seconds after which a WebSocket sender is closed with 1008. */
    @WithDefault("20")
    int closeAfter();

    default boolean enabled() {
        return perSecond() > 0;
    }
}
