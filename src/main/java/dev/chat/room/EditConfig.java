package dev.chat.room;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.edit")
public interface EditConfig {

    /** How long after it was sent a message may still be edited. */
    @WithDefault("24h")
    Duration window();

    /**
     * A sender's edits are accepted at most once per interval (per user in token mode, per connection or
     * client address in open mode); a faster one is refused as {@code rate_limited}. Each edit also takes
     * one from the sender's message budget.
     */
    @WithDefault("500ms")
    Duration interval();
}
