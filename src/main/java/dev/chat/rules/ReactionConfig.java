package dev.chat.rules;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Reactions: how many different emoji one message takes, and how often one person may toggle. A toggle
 * also takes one from the sender's message budget ({@code chat.rate-limit.*}); this rate comes on top.
 */
@ConfigMapping(prefix = "chat.reactions")
public interface ReactionConfig {

    /** Different emoji one message can carry; a new one past this is refused. */
    @WithDefault("20")
    int maxEmoji();

    /** Toggles one person may make at once in a room. */
    @WithDefault("10")
    int burst();

    /** Toggles per second one person gets back in a room; 0 turns this rate off. */
    @WithDefault("2")
    double perSecond();
}
