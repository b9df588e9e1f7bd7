package dev.chat.backplane;

import java.util.ArrayList;
import java.util.List;

import dev.chat.message.ChatMessage;
import dev.chat.message.Gap;
import dev.chat.message.History;
import dev.chat.message.Post;

/** One room's order and bounded history in memory. Callers hold its monitor across append and fan-out. */
final class MessageLog {

    private final String room;
    private final ChatMessage[] ring;
    private long lastSeq;

    MessageLog(String room, int capacity) {
        this.room = room;
        this.ring = new ChatMessage[Math.max(1, capacity)];
    }

    ChatMessage append(Post post, long timestamp) {
        ChatMessage message = ChatMessage.of(post, ++lastSeq, timestamp);
        ring[(int) (message.seq() % ring.length)] = message;
        return message;
    }

    /** Puts a tombstone in the message's place if it is still retained; false when there is no such message. */
    boolean tombstone(long seq) {
        if (seq < 1 || seq > lastSeq) {
            return false;
        }
        int slot = (int) (seq % ring.length);
        if (ring[slot] != null && ring[slot].seq() == seq) {
            ring[slot] = ring[slot].tombstone();
        }
        return true;
    }

    History after(Long since, int limit, String epoch) {
        long oldest = Math.max(1, lastSeq - ring.length + 1);
        long first;
        Gap gap = null;
        if (since == null) {
            first = Math.max(oldest, lastSeq - limit + 1);
        } else {
            first = Math.max(oldest, since + 1);
            if (since + 1 < oldest) {
                gap = Gap.evicted(room, since + 1, oldest - 1);
            }
        }
        List<ChatMessage> messages = new ArrayList<>((int) Math.max(0, lastSeq - first + 1));
        for (long seq = first; seq <= lastSeq; seq++) {
            messages.add(ring[(int) (seq % ring.length)]);
        }
        return new History(messages, gap, lastSeq, epoch);
    }
}
