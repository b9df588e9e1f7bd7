package dev.chat.transport.websocket;

import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import io.quarkus.websockets.next.CloseReason;

/** The close code for a failure on a connection, so the client learns what went wrong. */
final class FailureCloses {

    static final CloseReason TOO_BIG = new CloseReason(1009, "message too big");
    static final CloseReason SERVER_ERROR = new CloseReason(1011, "server error");
    static final CloseReason TRY_AGAIN_LATER = new CloseReason(1013, "chat store unavailable, try again later");

    private FailureCloses() {
    }

    static CloseReason forFailure(Throwable failure) {
        // A join while the backplane is unreachable: nothing to welcome the client with yet.
        if (failure instanceof RejectedException rejected && rejected.rejection() == Rejection.UNAVAILABLE) {
            return TRY_AGAIN_LATER;
        }
        // Vert.x reports a fragmented message that outgrows max-message-size only as this exception.
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("max message size")) {
            return TOO_BIG;
        }
        return SERVER_ERROR;
    }
}
