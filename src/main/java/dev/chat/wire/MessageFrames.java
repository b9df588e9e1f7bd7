package dev.chat.wire;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import dev.chat.message.ChatMessage;

/**
 * The frames of recently serialised chat messages, so a message is serialised once whether it reaches
 * its members live or later in a replay: when thousands of clients resume at once, each replay of the
 * same fifty messages then shares their frames instead of holding fifty copies of its own.
 *
 * <p>A small table indexed by room and {@code seq}, each slot holding the last message that landed
 * there; a message counts as found only when it equals the one held (a tombstone does not equal the
 * message it replaced), so a collision costs a serialisation, never a wrong frame. Only frames of up to
 * {@link #MAX_CACHED_CHARS} are kept, so the table holds less than a megabyte whatever is
 * said, and a message the history budget dropped is not kept alive here for long.
 */
final class MessageFrames {

    private static final int SLOTS = 256;
    private static final int MAX_CACHED_CHARS = 1024;

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    Frame of(ChatMessage message, Function<ChatMessage, Frame> serialise) {
        int slot = (message.room().hashCode() * 31 + Long.hashCode(message.seq())) & (SLOTS - 1);
        Entry held = slots.get(slot);
        if (held != null && held.message.equals(message)) {
            return held.frame;
        }
        Frame frame = serialise.apply(message);
        if (frame.json().length() <= MAX_CACHED_CHARS) {
            slots.set(slot, new Entry(message, frame));
        }
        return frame;
    }

    private record Entry(ChatMessage message, Frame frame) {
    }
}
