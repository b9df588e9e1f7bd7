package dev.chat.wire;

/**
 * One server event, serialised once and shared by every recipient. {@code type} is the event's kind
 * (SSE names its events by it); {@code seq} is a chat message's place in its room, 0 for events
 * outside the message order (welcome, presence, gap, error), or {@link #RESTART} for a live reset gap,
 * after which the room's {@code seq} starts over.
 */
public record Frame(String type, String json, long seq) {

    public static final long RESTART = -1;

    public boolean isMessage() {
        return seq > 0;
    }

    public boolean isRestart() {
        return seq == RESTART;
    }
}
