package dev.chat.backplane;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which backplane (and so which presence) this instance uses; chosen at startup, e.g. {@code CHAT_BACKPLANE=redis}. */
@ConfigMapping(prefix = "chat")
public interface BackplaneConfig {

    /** {@code memory}: one instance, nothing else to run. {@code redis}: any number of instances sharing {@code quarkus.redis.hosts}. */
    @WithDefault("memory")
    Kind backplane();

    enum Kind {
        MEMORY,
        REDIS
    }
}
