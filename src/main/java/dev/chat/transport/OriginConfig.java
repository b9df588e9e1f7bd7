package dev.chat.transport;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "chat")
public interface OriginConfig {

    /** Browser origins allowed besides the page's own, such as {@code https://chat.example.com}. */
    @WithName("allowed-origins")
    Optional<List<String>> allowedOrigins();
}
