package dev.chat.fanout;

import dev.chat.wire.Frame;

/** Where a member's frames go: a WebSocket, an SSE stream, a waiting long poll. Called in order. */
public interface Sink {

    /** The transport's name, as metrics label it: {@code websocket}, {@code sse}, {@code long-polling}. */
    String transport();

    void write(Frame frame);

    /** Ends the connection; the client reconnects and resumes from the last seq it saw. */
    void disconnect(Disconnect reason);
}
