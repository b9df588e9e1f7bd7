package dev.chat.unread;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.read")
public interface ReadConfig {

    /**
     * A user's read mark in a room is written at most once per interval by each instance; marks sent
     * meanwhile are coalesced, and the newest is written when the interval ends.
     */
    @WithDefault("1s")
    Duration interval();
}
