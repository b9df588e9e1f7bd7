package dev.chat.unread;

import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/** A mark past the room's last message: refused as {@code bad_request}, naming how far the room has got. */
public final class PastTheEnd extends RejectedException {

    private final long lastSeq;

    PastTheEnd(long seq, long lastSeq) {
        super(Rejection.BAD_REQUEST, "seq " + seq + " is past the room's last message, " + lastSeq);
        this.lastSeq = lastSeq;
    }

    public long lastSeq() {
        return lastSeq;
    }
}
