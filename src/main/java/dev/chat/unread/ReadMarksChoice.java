package dev.chat.unread;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.chat.backplane.BackplaneConfig;
import io.quarkus.runtime.Startup;

/** The one {@link ReadMarks} the rest of the service sees: in Redis exactly when the backplane is. */
@ApplicationScoped
class ReadMarksChoice {

    @Produces
    @ApplicationScoped
    @Startup
    ReadMarks readMarks(BackplaneConfig config, Instance<MemoryReadMarks> memory, Instance<RedisReadMarks> redis) {
        return config.backplane() == BackplaneConfig.Kind.REDIS ? redis.get() : memory.get();
    }
}
