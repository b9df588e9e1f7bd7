package dev.chat.message;

/** Why a message was not accepted. Each transport answers with the code or an HTTP status of its own. */
public enum Rejection {
    BAD_REQUEST("bad_request", 400),
    /** No token, or one that is not valid (token mode). */
    UNAUTHORIZED("unauthorized", 401),
    /** A valid token that does not grant what was asked (a room, moderation, another user's refresh). */
    FORBIDDEN("forbidden", 403),
    /** The room has no such message to act on (never sent, deleted, or gone from history). */
    NOT_FOUND("not_found", 404),
    /** The message was deleted, or is older than {@code chat.edit.window}: it can no longer be edited. */
    GONE("gone", 410),
    TOO_LONG("too_long", 413),
    /** The application's publish hook refused the message; the exception's message is its reason. */
    REJECTED("rejected", 422),
    RATE_LIMITED("rate_limited", 429),
    /** The user already holds {@code chat.auth.connections-per-user} connections on this instance. */
    TOO_MANY_CONNECTIONS("too_many_connections", 429),
    UNAVAILABLE("unavailable", 503);

    private final String code;
    private final int httpStatus;

    Rejection(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
