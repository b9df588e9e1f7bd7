package dev.chat.message;

import java.util.List;
import java.util.Map;

/**
 * What a room retains after a position: the messages in {@code seq} order, the evicted range when the
 * position is older than what is retained, the room's last {@code seq}, and the epoch that names this
 * history (it changes when the room's store is lost and {@code seq} starts over). {@code deletedBefore} are
 * the retained messages at or before the position that a moderator deleted, in {@code seq} order: the
 * reader already holds them and must drop their text. {@code editedBefore} are, likewise, the current texts
 * of the retained messages at or before the position that were edited, in {@code seq} order.
 * {@code reactedBefore} are the current reaction counts of the retained messages at or before the position
 * that anyone ever reacted to (empty counts once every reaction was taken back), by {@code seq} in order: the
 * reader holds those messages with counts that may be stale.
 */
public record History(List<ChatMessage> messages, Gap gap, long lastSeq, String epoch, List<Long> deletedBefore,
        List<Edit> editedBefore, Map<Long, Map<String, Integer>> reactedBefore) {

    public History(List<ChatMessage> messages, Gap gap, long lastSeq, String epoch) {
        this(messages, gap, lastSeq, epoch, List.of());
    }

    public History(List<ChatMessage> messages, Gap gap, long lastSeq, String epoch, List<Long> deletedBefore) {
        this(messages, gap, lastSeq, epoch, deletedBefore, List.of(), Map.of());
    }

    public History(List<ChatMessage> messages, Gap gap, long lastSeq, String epoch, List<Long> deletedBefore,
            List<Edit> editedBefore) {
        this(messages, gap, lastSeq, epoch, deletedBefore, editedBefore, Map.of());
    }

    public History(List<ChatMessage> messages, Gap gap, long lastSeq, String epoch, List<Long> deletedBefore,
            Map<Long, Map<String, Integer>> reactedBefore) {
        this(messages, gap, lastSeq, epoch, deletedBefore, List.of(), reactedBefore);
    }
}
