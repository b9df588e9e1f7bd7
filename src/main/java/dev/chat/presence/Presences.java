package dev.chat.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.chat.backplane.BackplaneConfig;
import io.quarkus.runtime.Startup;

/** The one {@link Presence} the rest of the service sees: in Redis exactly when the backplane is. */
@ApplicationScoped
class Presences {

    @Produces
    @ApplicationScoped
    @Startup
    Presence presence(BackplaneConfig config, Instance<MemoryPresence> memory, Instance<RedisPresence> redis) {
        return config.backplane() == BackplaneConfig.Kind.REDIS ? redis.get() : memory.get();
    }
}
