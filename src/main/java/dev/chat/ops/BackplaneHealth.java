package dev.chat.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.chat.backplane.BackplaneConfig;
import dev.chat.redis.RedisFeed;
import dev.chat.redis.RoomChannels;

/**
 * Reports the backplane and, with Redis, whether this instance reaches it, without ever going DOWN for
 * it: every replica loses Redis at the same moment, and taking them all out of the Service would turn a
 * Redis blip into a full outage. Sends answer {@code unavailable} meanwhile, connections stay open and Redis
 * is reached again on its own. (Quarkus' own Redis check is off for this reason.)
 */
@Readiness
@ApplicationScoped
public class BackplaneHealth implements HealthCheck {

    private final BackplaneConfig config;
    private final Instance<RedisFeed> feed;
    private final Instance<RoomChannels> channels;

    BackplaneHealth(BackplaneConfig config, Instance<RedisFeed> feed, Instance<RoomChannels> channels) {
        this.config = config;
        this.feed = feed;
        this.channels = channels;
    }

    /** The control feed is read and every room's channel is subscribed. */
    static boolean reachesRedis(RedisFeed feed, RoomChannels channels) {
        return feed.isConnected() && channels.isConnected();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("backplane").up()
                .withData("backplane", config.backplane().name().toLowerCase());
        if (config.backplane() == BackplaneConfig.Kind.REDIS) {
            RedisFeed control = feed.get();
            RoomChannels rooms = channels.get();
            boolean reached = reachesRedis(control, rooms);
            response.withData("redis", reached ? "connected" : "unreachable");
            if (!reached) {
                response.withData("redisProblem", control.isConnected() ? rooms.lastProblem() : control.lastProblem());
            }
        }
        return response.build();
    }
}
