package dev.chat.backplane;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.chat.message.History;

/**
 * The rooms the memory backplane holds, in the order they were last written, and the bytes their
 * retained messages cost together. A room exists here only from its first message on: reading a room
 * that was never written leaves nothing behind.
 *
 * <p>Past the budget the least recently written rooms give up their oldest messages first. A room that
 * has neither retained messages nor members, or has been idle past its expiry, is forgotten; written
 * again, it starts over under a new epoch, so nobody resuming into it is silently renumbered.
 */
final class RoomLogs {

    private final String processEpoch = UUID.randomUUID().toString().substring(0, 8);
    /** Rooms forgotten so far: part of every epoch, so a room created after its own forgetting gets a new one. */
    private final AtomicLong forgotten = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final LinkedHashMap<String, MessageLog> byLastWrite = new LinkedHashMap<>(16, 0.75f, false);
    private final int capacity;
    private final long maxBytes;
    private final Predicate<String> hasMembers;

    RoomLogs(int capacity, long maxBytes, Predicate<String> hasMembers) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.hasMembers = hasMembers;
    }

    /** The room's log, created if need be, moved to the most recently written end. */
    MessageLog forWriting(String room) {
        synchronized (byLastWrite) {
            MessageLog log = byLastWrite.remove(room);
            if (log == null) {
                log = new MessageLog(room, epochNow(), capacity);
            }
            byLastWrite.put(room, log);
            return log;
        }
    }

    /** What the room retains; a room that does not exist is empty under the epoch it would be created with. */
    History read(String room, Long since, int limit) {
        MessageLog log = find(room);
        if (log != null) {
            synchronized (log) {
                if (!log.isForgotten()) {
                    return log.after(since, limit);
                }
            }
        }
        return new History(List.of(), null, 0, epochNow());
    }

    /** The room's log if it exists, without counting as a write. */
    MessageLog find(String room) {
        synchronized (byLastWrite) {
            return byLastWrite.get(room);
        }
    }

    void retained(long added) {
        bytes.addAndGet(added);
    }

    long bytes() {
        return bytes.get();
    }

    int size() {
        synchronized (byLastWrite) {
            return byLastWrite.size();
        }
    }

    /** Drops oldest messages of the least recently written rooms until the budget holds again. */
    void enforceBudget() {
        int kept = 0;
        while (bytes.get() > maxBytes && kept <= size()) {
            MessageLog eldest;
            synchronized (byLastWrite) {
                Iterator<MessageLog> logs = byLastWrite.values().iterator();
                eldest = logs.hasNext() ? logs.next() : null;
            }
            if (eldest == null) {
                return;
            }
            synchronized (eldest) {
                long freed = eldest.dropOldest();
                bytes.addAndGet(-freed);
                kept = freed > 0 ? 0 : kept + 1;
                if (eldest.isEmpty()) {
                    forgetIfUnused(eldest, log -> true);
                }
            }
        }
    }

    /** Forgets the rooms nobody wrote to within {@code idleNanos} and nobody is in. */
    void expireIdle(long idleNanos) {
        long now = System.nanoTime();
        List<MessageLog> idle = new ArrayList<>();
        synchronized (byLastWrite) {
            for (MessageLog log : byLastWrite.values()) {
                if (now - log.writtenAt() < idleNanos) {
                    break;
                }
                idle.add(log);
            }
        }
        for (MessageLog log : idle) {
            synchronized (log) {
                forgetIfUnused(log, candidate -> now - candidate.writtenAt() >= idleNanos);
            }
        }
    }

    /** Called holding the log's monitor. A room with members is kept: they would see its seq start over. */
    private void forgetIfUnused(MessageLog log, Predicate<MessageLog> still) {
        if (log.isForgotten() || !still.test(log) || hasMembers.test(log.room())) {
            if (!log.isForgotten() && log.isEmpty()) {
                touch(log);
            }
            return;
        }
        synchronized (byLastWrite) {
            byLastWrite.remove(log.room(), log);
        }
        log.forget();
        bytes.addAndGet(-log.bytes());
        forgotten.incrementAndGet();
    }

    /** An empty room kept for its members goes to the recent end, so the budget moves on to other rooms. */
    private void touch(MessageLog log) {
        synchronized (byLastWrite) {
            if (byLastWrite.remove(log.room(), log)) {
                byLastWrite.put(log.room(), log);
            }
        }
    }

    private String epochNow() {
        return processEpoch + "." + forgotten.get();
    }
}
