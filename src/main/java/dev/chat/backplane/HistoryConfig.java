package dev.chat.backplane;

import java.util.OptionalLong;

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

    /**
     * Estimated heap bytes of all retained messages of all rooms together, in the memory backplane.
     * Unset, a quarter of the maximum heap, so the bound follows whatever heap the pod is given.
     */
    OptionalLong maxBytes();

    default long maxBytesOrDefault() {
        return maxBytes().orElse(Runtime.getRuntime().maxMemory() / 4);
    }
}
