package dev.chat.backplane;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Editor;
import dev.chat.message.Gap;
import dev.chat.message.History;
import dev.chat.message.Post;
import dev.chat.message.Reaction;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/**
 * One room's order and retained history in memory, with what it costs. Callers hold its monitor across
 * append and fan-out. History shrinks from the oldest end, by {@code chat.history.size} or by the budget
 * over all rooms; whoever asks for what is gone gets a gap.
 */
final class MessageLog {

    /** A message's heap beyond its characters: the record, its strings' headers, the deque slot. */
    private static final int OVERHEAD_BYTES = 120;

    private final String room;
    private final String epoch;
    private final int capacity;
    private final ArrayDeque<ChatMessage> retained = new ArrayDeque<>();
    private final MessageReactions reactions = new MessageReactions();
    private long lastSeq;
    private long bytes;
    private long writtenAt = System.nanoTime();
    private boolean forgotten;

    MessageLog(String room, String epoch, int capacity) {
        this.room = room;
        this.epoch = epoch;
        this.capacity = Math.max(1, capacity);
    }

    static long cost(ChatMessage message) {
        long chars = (message.text() == null ? 0 : message.text().length()) + message.from().length() + (message.ref() == null ? 0 : message.ref().length());
        return OVERHEAD_BYTES + 2 * chars;
    }

    /** Appends and answers the bytes retained by this call: the new message less what fell out of the ring. */
    long append(ChatMessage message) {
        retained.addLast(message);
        long added = cost(message);
        while (retained.size() > capacity) {
            ChatMessage gone = retained.removeFirst();
            added -= cost(gone) + reactions.forget(gone.seq());
        }
        bytes += added;
        writtenAt = System.nanoTime();
        return added;
    }

    ChatMessage next(Post post, long timestamp) {
        return ChatMessage.of(post, ++lastSeq, timestamp);
    }

    /** Drops the oldest retained message and answers its cost, or 0 when nothing is retained. */
    long dropOldest() {
        ChatMessage oldest = retained.pollFirst();
        if (oldest == null) {
            return 0;
        }
        long freed = cost(oldest) + reactions.forget(oldest.seq());
        bytes -= freed;
        return freed;
    }

    String room() {
        return room;
    }

    boolean isEmpty() {
        return retained.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    long writtenAt() {
        return writtenAt;
    }

    /** Marks the log as no longer the room's; a publisher that still holds it looks the room up again. */
    void forget() {
        forgotten = true;
    }

    boolean isForgotten() {
        return forgotten;
    }

    /**
     * Puts a tombstone in the message's place if it is still retained, and answers the bytes that freed;
     * -1 when the room never had such a message.
     */
    long tombstone(long seq) {
        if (seq < 1 || seq > lastSeq) {
            return -1;
        }
        ChatMessage oldest = retained.peekFirst();
        if (oldest == null || seq < oldest.seq()) {
            return 0;
        }
        // Deletions are rare and a log holds at most chat.history.size messages: rebuilding it is cheap.
        ChatMessage[] kept = retained.toArray(ChatMessage[]::new);
        int index = (int) (seq - oldest.seq());
        ChatMessage deleted = kept[index];
        kept[index] = deleted.tombstone();
        retained.clear();
        Collections.addAll(retained, kept);
        long freed = cost(deleted) - cost(kept[index]) + reactions.forget(seq);
        bytes -= freed;
        return freed;
    }

    /**
     * Puts the edited message in its place and answers the bytes that added; refuses as
     * {@link Backplane#edit} says, changing nothing.
     */
    long amend(Edit edit, Editor editor, long notBefore) {
        ChatMessage oldest = retained.peekFirst();
        if (edit.seq() < 1 || edit.seq() > lastSeq || oldest == null || edit.seq() < oldest.seq()) {
            throw EditRefusals.of(EditRefusals.NOT_FOUND, edit);
        }
        ChatMessage[] kept = retained.toArray(ChatMessage[]::new);
        int index = (int) (edit.seq() - oldest.seq());
        ChatMessage original = kept[index];
        if (Boolean.TRUE.equals(original.deleted())) {
            throw EditRefusals.of(EditRefusals.DELETED, edit);
        }
        if (!editor.mayEdit(original.uid())) {
            throw EditRefusals.of(EditRefusals.FORBIDDEN, edit);
        }
        if (original.timestamp() < notBefore) {
            throw EditRefusals.of(EditRefusals.TOO_OLD, edit);
        }
        kept[index] = original.edited(edit);
        retained.clear();
        Collections.addAll(retained, kept);
        long added = cost(kept[index]) - cost(original);
        bytes += added;
        return added;
    }

    /**
     * Toggles the reaction on a retained message that is not deleted, and answers the bytes that added
     * (negative when it freed some); refused as {@code NOT_FOUND} otherwise.
     */
    long react(Reaction reaction, int maxEmoji) {
        ChatMessage oldest = retained.peekFirst();
        long seq = reaction.seq();
        boolean held = oldest != null && seq >= oldest.seq() && seq <= lastSeq
                && retained.stream().noneMatch(message -> message.seq() == seq && Boolean.TRUE.equals(message.deleted()));
        if (!held) {
            throw new RejectedException(Rejection.NOT_FOUND, "no message " + seq + " to react to in " + room);
        }
        long added = reactions.toggle(reaction, maxEmoji);
        bytes += added;
        return added;
    }

    Map<String, Integer> reactions(long seq) {
        return reactions.counts(seq);
    }

    History after(Long since, int limit) {
        long oldest = retained.isEmpty() ? lastSeq + 1 : retained.peekFirst().seq();
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
        List<ChatMessage> messages = new ArrayList<>((int) Math.max(0, Math.min(limit, lastSeq - first + 1)));
        List<Long> deletedBefore = new ArrayList<>(0);
        List<Edit> editedBefore = new ArrayList<>(0);
        Iterator<ChatMessage> from = retained.iterator();
        while (from.hasNext() && messages.size() < limit) {
            ChatMessage message = from.next();
            if (message.seq() >= first) {
                messages.add(message.withReactions(reactions.counts(message.seq())));
            } else if (since != null && message.seq() <= since && Boolean.TRUE.equals(message.deleted())) {
                deletedBefore.add(message.seq());
            } else if (since != null && message.seq() <= since && message.edited() != null) {
                editedBefore.add(new Edit(room, message.seq(), message.text(), message.edited()));
            }
        }
        Map<Long, Map<String, Integer>> reactedBefore = since == null ? Map.of() : reactions.upTo(since);
        return new History(messages, gap, lastSeq, epoch, deletedBefore, editedBefore, reactedBefore);
    }
}
