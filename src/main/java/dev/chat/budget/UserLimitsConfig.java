package dev.chat.budget;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a user's limits are held across instances when {@code chat.backplane=redis}. */
@ConfigMapping(prefix = "chat.user-limits")
public interface UserLimitsConfig {

    /**
     * How long a connection counts in Redis after its instance last confirmed it. Each instance confirms
     * its connections every third of this, so a crashed instance's connections stop counting within it.
     */
    @WithDefault("30s")
    Duration lease();
}
