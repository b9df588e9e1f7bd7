package dev.chat.auth;

import java.util.Locale;

/**
 * Where a client's token travels: {@code Authorization: Bearer ...} (which the {@code bearer-token-carrier}
 * subprotocol also fills in on a WebSocket upgrade), else the {@code access_token} query parameter, which is
 * all a browser's WebSocket and EventSource can send.
 */
public final class BearerToken {

    public static final String QUERY_PARAMETER = "access_token";
    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** The token, or null when the request carries none. */
    public static String of(String authorization, String accessToken) {
        if (authorization != null && authorization.length() > SCHEME.length()
                && authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return authorization.substring(SCHEME.length()).trim();
        }
        return accessToken == null || accessToken.isBlank() ? null : accessToken.trim();
    }
}
