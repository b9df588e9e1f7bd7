package dev.chat.backplane;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.rooms")
public interface RoomsConfig {

    /**
     * A room with no members and no new message for this long is forgotten: dropped from memory, or
     * expired by Redis. Whoever resumes into it later gets a reset gap under the room's new epoch.
     */
    @WithDefault("24h")
    Duration idleExpiry();
}
