package dev.chat.rules;

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

    /**
     * The bucket all anonymous HTTP posts from one client address share, whatever names they give. It
     * stands for everyone behind that address (a NAT'd office), so it is larger than one connection's.
     */
    @WithDefault("100")
    int addressBurst();

    @WithDefault("20")
    double addressPerSecond();

    default boolean enabled() {
        return perSecond() > 0;
    }

    default boolean addressEnabled() {
        return enabled() && addressPerSecond() > 0;
    }
}
