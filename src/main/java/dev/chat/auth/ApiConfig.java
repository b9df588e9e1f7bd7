package dev.chat.auth;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The application's own server-side access, beside (not instead of) users' tokens. */
@ConfigMapping(prefix = "chat.api")
public interface ApiConfig {

    /**
     * Secrets a request may present as {@code X-API-Key} to post into any room under any name, delete
     * messages and disconnect users. Several, so a key can be rotated without a gap. Unset: no key works.
     */
    Optional<List<String>> keys();
}
