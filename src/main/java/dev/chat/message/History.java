package dev.chat.message;

import java.util.List;

/**
 * What a room retains after a position: the messages in {@code seq} order, the evicted range when the
 * position is older than what is retained, the room's last {@code seq}, and the epoch that names this
 * history (it changes when the room's store is lost and {@code seq} starts over). {@code deletedBefore} are
 * the retained messages at or before the position that a moderator deleted, in {@code seq} order: the
 * reader already holds them and must drop their text. {@code editedBefore} are, likewise, the current texts
 * of the retained messages at or before the position that were edited, in {@code seq} order.
 */
public record History(List<ChatMessage> messages, Gap gap, long lastSeq, String epoch, List<Long> deletedBefore,
        List<Edit> editedBefore) {

    public History(List<ChatMessage> messages, Gap gap, long lastSeq, String epoch) {
        this(messages, gap, lastSeq, epoch, List.of());
    }

    public History(List<ChatMessage> messages, Gap gap, long lastSeq, String epoch, List<Long> deletedBefore) {
        this(messages, gap, lastSeq, epoch, deletedBefore, List.of());
    }
}
