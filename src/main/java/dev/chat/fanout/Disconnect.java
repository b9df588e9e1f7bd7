package dev.chat.fanout;

/** Why the server ends a connection, with the WebSocket close code that says so. */
public enum Disconnect {
    /** Going away: this instance is shutting down; reconnect, probably elsewhere. */
    SHUTDOWN(1001, "server shutting down"),
    /** The client read too slowly and its outgoing queue filled up; reconnect and resume. */
    SLOW_CONSUMER(1013, "too far behind, reconnect");

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
