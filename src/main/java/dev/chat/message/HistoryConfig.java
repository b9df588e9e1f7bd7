package dev.chat.message;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.history")
public interface HistoryConfig {

    /** Messages each room retains for resume. */
    @WithDefault("1000")
    int size();

    /** Messages replayed to a client that joins without {@code since}. */
    @WithDefault("50")
    int replay();
}
