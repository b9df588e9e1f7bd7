package dev.chat.backplane;

import dev.chat.message.Edit;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/** The refusals of {@link Backplane#edit}, in the same words from every backplane. */
final class EditRefusals {

    static final String NOT_FOUND = "not_found";
    static final String DELETED = "deleted";
    static final String TOO_OLD = "too_old";
    static final String FORBIDDEN = "forbidden";

    private EditRefusals() {
    }

    static RejectedException of(String reason, Edit edit) {
        return switch (reason) {
            case NOT_FOUND -> new RejectedException(Rejection.NOT_FOUND, "no message " + edit.seq() + " in " + edit.room());
            case DELETED -> new RejectedException(Rejection.GONE, "message " + edit.seq() + " was deleted");
            case TOO_OLD -> new RejectedException(Rejection.GONE, "message " + edit.seq() + " is older than the edit window");
            case FORBIDDEN -> new RejectedException(Rejection.FORBIDDEN, "only its author or a moderator may edit message " + edit.seq());
            default -> throw new IllegalArgumentException(reason);
        };
    }
}
