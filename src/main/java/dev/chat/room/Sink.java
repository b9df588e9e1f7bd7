package dev.chat.room;

import dev.chat.wire.Frame;

/** Where a member's frames go: a WebSocket, an SSE stream. Called in order, one frame at a time. */
public interface Sink {

    void write(Frame frame);
}
