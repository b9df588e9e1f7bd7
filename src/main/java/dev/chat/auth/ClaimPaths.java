package dev.chat.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads a token's claims by path: {@code name} is a top-level claim, {@code realm_access.roles} the
 * {@code roles} member of the {@code realm_access} object. Providers nest what the chat needs differently
 * (Keycloak's realm roles, Okta's and Auth0's custom claims), so where to look is configuration.
 */
final class ClaimPaths {

    private ClaimPaths() {
    }

    /** The first of the paths that holds a non-blank text, stripped; null when none does. */
    static String firstText(JsonWebToken token, List<String> paths) {
        for (String path : paths) {
            Object value = at(token, path);
            String text = value instanceof JsonString json ? json.getString() : value instanceof String plain ? plain : null;
            if (text != null && !text.isBlank()) {
                return text.strip();
            }
        }
        return null;
    }

    /** The names at a path holding a list: a JSON array, or one string separated by spaces or commas. */
    static List<String> strings(JsonWebToken token, String path) {
        Object claim = at(token, path);
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
        values.removeIf(String::isEmpty);
        return values;
    }

    /**
     * The value at a dotted path, or null. A claim whose own name holds dots (Auth0's namespaced
     * {@code https://chat.example/rooms}) is found whole before the path is split.
     */
    static Object at(JsonWebToken token, String path) {
        Object whole = token.getClaim(path);
        if (whole != null) {
            return whole;
        }
        String[] steps = path.split("\\.");
        Object value = token.getClaim(steps[0]);
        for (int i = 1; i < steps.length && value != null; i++) {
            value = value instanceof JsonObject object ? object.get(steps[i])
                    : value instanceof Map<?, ?> map ? map.get(steps[i]) : null;
        }
        return value;
    }
}
