package dev.chat.transport.sse;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "chat.sse")
public interface SseConfig {

    /** Comment sent on an idle stream so proxies keep it open. */
    @WithDefault("15s")
    Duration keepalive();

    /** The {@code retry:} an EventSource waits before reconnecting. */
    @WithDefault("2s")
    Duration retry();
}
