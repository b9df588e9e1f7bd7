package dev.chat.connections;

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

    /**
     * Each socket's kernel send buffer. Fixed rather than autotuned (up to 4 MiB on Linux), so what a
     * stalled reader holds in the kernel stays small and its backlog reaches {@link #maxQueuedBytes()},
     * where it is counted, within seconds.
     */
    @WithDefault("131072")
    int sendBufferBytes();
}
