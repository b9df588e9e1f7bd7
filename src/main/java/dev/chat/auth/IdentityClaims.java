package dev.chat.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.message.RoomGrants;
import dev.chat.auth.AuthConfig;

/** Reads who a verified token names: {@code sub}, its display name, its room grants and whether it moderates. */
final class IdentityClaims {

    private static final int MAX_NAME = 64;

    private final AuthConfig config;

    IdentityClaims(AuthConfig config) {
        this.config = config;
    }

    Identity identity(JsonWebToken token) {
        String sub = token.getSubject();
        if (sub == null || sub.isBlank()) {
            throw new RejectedException(Rejection.UNAUTHORIZED, "token has no sub");
        }
        if (token.getExpirationTime() * 1000 <= System.currentTimeMillis()) {
            throw new RejectedException(Rejection.UNAUTHORIZED, "token expired");
        }
        String name = ClaimPaths.firstText(token, config.nameClaims());
        String shown = name == null ? sub : name;
        return new Identity(sub, shown.length() > MAX_NAME ? shown.substring(0, MAX_NAME) : shown,
                token.getExpirationTime(), new RoomGrants(ClaimPaths.strings(token, config.roomsClaim())),
                moderates(token));
    }

    /** A group mapper may write the full path ({@code /moderator}); it names the same group. */
    private boolean moderates(JsonWebToken token) {
        String role = config.moderatorGroup();
        return config.roleClaims().stream().flatMap(path -> ClaimPaths.strings(token, path).stream())
                .anyMatch(held -> held.equals(role) || held.equals("/" + role));
    }
}
