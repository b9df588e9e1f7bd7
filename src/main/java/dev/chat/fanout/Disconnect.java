package dev.chat.fanout;

/** Why the server ends a connection, with the WebSocket close code that says so. */
public enum Disconnect {
    /** Going away: this instance is shutting down; reconnect, probably elsewhere. */
    SHUTDOWN(1001, "server shutting down"),
    /** The client read too slowly and its outgoing queue filled up; reconnect and resume. */
    SLOW_CONSUMER(1013, "too far behind, reconnect"),
    /** The token's {@code exp} passed; reconnect with a fresh token. */
    TOKEN_EXPIRED(1008, "token expired"),
    /** A refreshed token no longer grants the connection's room. */
    ROOM_NOT_GRANTED(1008, "room not granted"),
    /** A moderator disconnected the user everywhere. */
    USER_DISCONNECTED(1008, "disconnected by a moderator"),
    /** The client kept sending over its rate limit after being told to slow down. */
    RATE_ABUSE(1008, "rate limit exceeded");

    private final int closeCode;
    private final String reason;

    Disconnect(int closeCode, String reason) {
        this.closeCode = closeCode;
        this.reason = reason;
    }

    public int closeCode() {
        return closeCode;
    }

    public String reason() {
        return reason;
    }
}
