package dev.chat.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.chat.redis.BackplaneConfig;
import dev.chat.redis.RedisFeed;

/**
 * Reports the backplane and, with Redis, whether this instance reaches it, without ever going DOWN for
 * it: every replica loses Redis at the same moment, and taking them all out of the Service would turn a
 * Redis blip into a full outage. Sends answer {@code unavailable} meanwhile, connections stay open and the
 * feed reconnects on its own. (Quarkus' own Redis check is off for this reason.)
 */
@Readiness
@ApplicationScoped
public class BackplaneHealth implements HealthCheck {

    private final BackplaneConfig config;
    private final Instance<RedisFeed> feed;

    BackplaneHealth(BackplaneConfig config, Instance<RedisFeed> feed) {
        this.config = config;
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backplane").up()
                .withData("backplane", config.backplane().name().toLowerCase());
        if (config.backplane() == BackplaneConfig.Kind.REDIS) {
            RedisFeed redis = feed.get();
            response.withData("redis", redis.isConnected() ? "connected" : "unreachable");
            if (!redis.isConnected()) {
                response.withData("redisProblem", redis.lastProblem());
            }
        }
        return response.build();
    }
}
