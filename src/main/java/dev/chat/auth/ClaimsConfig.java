package dev.chat.auth;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where a token names its user and roles, as claim paths ({@code realm_access.roles} is the {@code roles}
 * member of the {@code realm_access} object). The defaults read Keycloak's tokens as they come, and any
 * provider's that carries {@code groups}. The rooms claim and the moderator role are
 * {@code chat.auth.rooms-claim} and {@code chat.auth.moderator-group}.
 */
@ConfigMapping(prefix = "chat.auth")
public interface ClaimsConfig {

    /** Claim paths tried in order for the display name; the subject is the last resort. */
    @WithDefault("name,preferred_username")
    List<String> nameClaims();

    /** Claim paths listing the user's roles or groups; the moderator role may be in any of them. */
    @WithDefault("groups,realm_access.roles")
    List<String> roleClaims();
}
