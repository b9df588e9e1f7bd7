package dev.chat.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.message.RoomGrants;
import dev.chat.auth.AuthConfig;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

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
        String name = firstText(token, "name", "preferred_username");
        String shown = name == null ? sub : name;
        return new Identity(sub, shown.length() > MAX_NAME ? shown.substring(0, MAX_NAME) : shown,
                token.getExpirationTime(), new RoomGrants(strings(token.getClaim(config.roomsClaim()))),
                token.getGroups() != null && token.getGroups().contains(config.moderatorGroup()));
    }

    private static String firstText(JsonWebToken token, String... names) {
        for (String claim : names) {
            Object value = token.getClaim(claim);
            String text = value instanceof JsonString json ? json.getString() : value instanceof String plain ? plain : null;
            if (text != null && !text.isBlank()) {
                return text.strip();
            }
        }
        return null;
    }

    /** A claim holding a list of names: a JSON array, or one string separated by spaces or commas. */
    private static List<String> strings(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString text) {
                    values.add(text.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> values.add(String.valueOf(value)));
        } else if (claim instanceof JsonString text) {
            values.addAll(Arrays.asList(text.getString().split("[\\s,]+")));
        } else if (claim instanceof String text) {
            values.addAll(Arrays.asList(text.split("[\\s,]+")));
        }
        return values;
    }
}
