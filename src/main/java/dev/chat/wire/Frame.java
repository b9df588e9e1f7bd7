package dev.chat.wire;

/**
 * One server event, serialised once and shared by every recipient. {@code type} is the event's kind
 * (SSE names its events by it); {@code seq} is a chat message's place in its room, or 0 for events
 * outside the message order (welcome, presence, gap, error).
 */
public record Frame(String type, String json, long seq) {

    public boolean isMessage() {
        return seq > 0;
    }
}
