package dev.chat.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.message")
public interface MessageConfig {

    /** Longest chat text, in characters. */
    @WithDefault("2000")
    int maxLength();

    /** Longest client-chosen {@code ref}, in characters. */
    @WithDefault("64")
    int maxRefLength();
}
