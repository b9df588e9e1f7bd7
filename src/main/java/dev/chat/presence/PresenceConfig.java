package dev.chat.presence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long an instance's members count as online without a heartbeat. An instance that dies without a
 * goodbye leaves every room's presence within {@code expiry + heartbeat} (20 s + 5 s by default).
 */
@ConfigMapping(prefix = "chat.presence")
public interface PresenceConfig {

    @WithDefault("5s")
    Duration heartbeat();

    @WithDefault("20s")
    Duration expiry();
}
