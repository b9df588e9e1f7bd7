package dev.chat.transport.api;

import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.room.JoinRequest;

/** Checks shared by the HTTP endpoints; a failed check is a 400 with the reason. */
public final class Requests {

    static final int MAX_WAIT_SECONDS = 30;

    private Requests() {
    }

    public static JoinRequest valid(JoinRequest request) {
        if (!request.isValid()) {
            throw new RejectedException(Rejection.BAD_REQUEST, request.problem());
        }
        return request;
    }

    public static int waitSeconds(String wait) {
        try {
            int seconds = Integer.parseInt(wait);
            if (seconds >= 1 && seconds <= MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RejectedException(Rejection.BAD_REQUEST, "wait must be 1-" + MAX_WAIT_SECONDS + " seconds");
    }
}
