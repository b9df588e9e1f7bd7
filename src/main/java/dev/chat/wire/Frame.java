package dev.chat.wire;

import java.nio.charset.StandardCharsets;

/**
 * One server event, serialised once and shared by every recipient. {@code type} is the event's kind
 * (SSE names its events by it); {@code seq} is a chat message's place in its room, 0 for events
 * outside the message order (welcome, presence, gap, error), or {@link #RESTART} for a live reset gap,
 * after which the room's {@code seq} starts over.
 */
public final class Frame {

    public static final long RESTART = -1;

    private final String type;
    private final String json;
    private final long seq;
    private volatile byte[] utf8;

    public Frame(String type, String json, long seq) {
        this.type = type;
        this.json = json;
        this.seq = seq;
    }

    public String type() {
        return type;
    }

    public String json() {
        return json;
    }

    public long seq() {
        return seq;
    }

    /** The JSON as UTF-8, encoded by the first recipient that needs bytes and shared by the rest. */
    public byte[] utf8() {
        byte[] encoded = utf8;
        if (encoded == null) {
            encoded = json.getBytes(StandardCharsets.UTF_8);
            utf8 = encoded;
        }
        return encoded;
    }

    public boolean isMessage() {
        return seq > 0;
    }

    public boolean isRestart() {
        return seq == RESTART;
    }

    @Override
    public String toString() {
        return json;
    }
}
