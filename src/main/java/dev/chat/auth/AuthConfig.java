package dev.chat.auth;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may connect, under which name, to which rooms. Tokens themselves are verified with the standard
 * {@code mp.jwt.verify.*} keys.
 */
@ConfigMapping(prefix = "chat.auth")
public interface AuthConfig {

    /** {@code open}: self-chosen names, every room open. {@code token}: every connection and request carries a JWT. */
    @WithDefault("open")
    Mode mode();

    /**
     * The claim listing the rooms a token may use: exact names or prefixes ending in {@code *}. Here and below,
     * a claim path: a claim's name, or a dotted path into an object claim ({@code realm_access.roles}).
     */
    @WithDefault("rooms")
    String roomsClaim();

    /** Claim paths tried in order for the display name; the subject is the last resort. */
    @WithDefault("name,preferred_username")
    List<String> nameClaims();

    /** Claim paths listing the user's roles or groups; the defaults read Keycloak's tokens as they come. */
    @WithDefault("groups,realm_access.roles")
    List<String> roleClaims();

    /** Room patterns every valid token may use. */
    @WithDefault("lobby")
    List<String> publicRooms();

    /** The role or group (in {@link #roleClaims}) that may delete messages and disconnect users. */
    @WithDefault("moderator")
    String moderatorGroup();

    /** WebSockets, event streams and waiting long polls one user may hold, across rooms (with Redis, across instances). */
    @WithDefault("10")
    int connectionsPerUser();

    /** Where the page fetches a fresh token before its token expires (with the browser's credentials). */
    Optional<String> tokenUrl();

    default boolean isToken() {
        return mode() == Mode.TOKEN;
    }

    enum Mode {
        OPEN,
        TOKEN
    }
}
