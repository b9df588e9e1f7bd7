package dev.chat.transport.http;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.Disconnect;
import dev.chat.fanout.Member;
import dev.chat.message.Identity;
import dev.chat.room.Access;
import io.vertx.core.Vertx;

/**
 * A token-mode event stream counts against its user's connections and ends when the token expires, the
 * moment a WebSocket would be closed; the EventSource reconnects with a fresh token and resumes.
 */
@ApplicationScoped
class StreamTokens {

    private final Access access;
    private final Vertx vertx;

    StreamTokens(Access access, Vertx vertx) {
        this.access = access;
        this.vertx = vertx;
    }

    /** Counts the stream, or refuses it with 429; paired with the runnable {@link #endAtExpiry} returns. */
    void opened(Identity identity) {
        access.opened(identity);
    }

    /** Schedules the end of the stream; the returned runnable cancels it and gives the connection back. */
    Runnable endAtExpiry(Identity identity, Member member) {
        if (identity == null) {
            return () -> {
            };
        }
        long timer = vertx.setTimer(Math.max(1, identity.millisLeft()), fired -> member.disconnect(Disconnect.TOKEN_EXPIRED));
        return () -> {
            vertx.cancelTimer(timer);
            access.closed(identity);
        };
    }
}
