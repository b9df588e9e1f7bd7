package dev.chat.typing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.typing")
public interface TypingConfig {

    /**
     * A sender's typing is relayed at most once per interval per room; the rest is dropped. Clients show
     * "… is typing" for a little longer than this after the last notice.
     */
    @WithDefault("2s")
    Duration interval();
}
