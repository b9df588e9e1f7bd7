package dev.chat.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import dev.chat.backplane.BackplaneConfig;
import dev.chat.redis.RedisFeed;
import dev.chat.redis.RoomChannels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code chat_redis_connected}: 1 while this instance reads the control feed
 * and holds every room channel it needs, 0 while Redis is
 * unreachable. It is the {@code redis} field of the backplane readiness check as a number, because
 * readiness stays UP through an outage (see {@link BackplaneHealth}) and alerts need something to
 * fire on. Only the Redis backplane has it.
 */
@Startup
@ApplicationScoped
class RedisGauge {

    RedisGauge(MeterRegistry registry, BackplaneConfig config, Instance<RedisFeed> feed, Instance<RoomChannels> channels) {
        if (config.backplane() == BackplaneConfig.Kind.REDIS) {
            RedisFeed control = feed.get();
            RoomChannels rooms = channels.get();
            Gauge.builder("chat.redis.connected", () -> BackplaneHealth.reachesRedis(control, rooms) ? 1 : 0)
                    .description("1 while this instance reaches Redis, 0 while it is unreachable")
                    .strongReference(true)
                    .register(registry);
        }
    }
}
