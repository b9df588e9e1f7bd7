package dev.chat.typing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.chat.backplane.BackplaneConfig;
import io.quarkus.runtime.Startup;

/** The one {@link Typing} the rest of the service sees: through Redis exactly when the backplane is. */
@ApplicationScoped
class Typings {

    @Produces
    @ApplicationScoped
    @Startup
    Typing typing(BackplaneConfig config, Instance<MemoryTyping> memory, Instance<RedisTyping> redis) {
        return config.backplane() == BackplaneConfig.Kind.REDIS ? redis.get() : memory.get();
    }
}
