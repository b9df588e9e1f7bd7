package dev.chat.backplane;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.chat.backplane.BackplaneConfig;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.Startup;

/**
 * The one {@link Backplane} the rest of the service sees, chosen when the process starts. With
 * {@code memory} nothing about Redis is created, so no Redis needs to be configured or reachable.
 */
@ApplicationScoped
class Backplanes {

    @Produces
    @ApplicationScoped
    @Startup
    Backplane backplane(BackplaneConfig config, Instance<MemoryBackplane> memory, Instance<RedisBackplane> redis) {
        // Unwrapped, so the chosen one is created now rather than at its first use: the Redis backplane reads
        // the control feed, and health and metrics report Redis, from startup on, before any client has come.
        return ClientProxy.unwrap(config.backplane() == BackplaneConfig.Kind.REDIS ? redis.get() : memory.get());
    }
}
