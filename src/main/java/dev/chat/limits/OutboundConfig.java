package dev.chat.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.outbound")
public interface OutboundConfig {

    /**
     * Bytes a connection may have waiting to be written before it counts as a slow consumer and is
     * closed, so one reader that stopped reading cannot hold memory or slow anyone else.
     */
    @WithDefault("1048576")
    long maxQueuedBytes();
}
