package dev.chat.transport.websocket;

import io.quarkus.websockets.next.CloseReason;

/** The close code for a failure on a connection, so the client learns what went wrong. */
final class FailureCloses {

    static final CloseReason TOO_BIG = new CloseReason(1009, "message too big");
    static final CloseReason SERVER_ERROR = new CloseReason(1011, "server error");

    private FailureCloses() {
    }

    static CloseReason forFailure(Throwable failure) {
        // Vert.x reports a fragmented message that outgrows max-message-size only as this exception.
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).contains("max message size")) {
            return TOO_BIG;
        }
        return SERVER_ERROR;
    }
}
