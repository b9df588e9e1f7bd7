package dev.chat.message;

/** Why a message was not accepted. Each transport answers with the code or an HTTP status of its own. */
public enum Rejection {
    BAD_REQUEST("bad_request", 400),
    TOO_LONG("too_long", 413),
    RATE_LIMITED("rate_limited", 429),
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
