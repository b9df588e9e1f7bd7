package dev.chat.backplane;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.fanout.FanOut;
import dev.chat.fanout.LocalMembers;
import dev.chat.hooks.HookEvents;
import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Editor;
import dev.chat.message.History;
import dev.chat.backplane.HistoryConfig;
import dev.chat.message.Post;
import dev.chat.message.Reaction;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.backplane.RoomsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * One instance, nothing else to run. History lives as long as the process, so every epoch is new on
 * every start: a client resuming after a restart is told its position is gone instead of being fooled.
 * Memory is bounded by configuration: {@code chat.history.max-bytes} over all rooms, and rooms idle past
 * {@code chat.rooms.idle-expiry} are forgotten ({@link RoomLogs}).
 */
@ApplicationScoped
@Typed(MemoryBackplane.class)
public class MemoryBackplane implements Backplane {

    private final RoomLogs rooms;
    private final FanOut fanOut;
    private final Vertx vertx;
    private final long sweeper;
    private final HookEvents events;

    MemoryBackplane(FanOut fanOut, LocalMembers members, HistoryConfig history, RoomsConfig roomsConfig, Vertx vertx,
            HookEvents events) {
        this.events = events;
        this.fanOut = fanOut;
        this.vertx = vertx;
        this.rooms = new RoomLogs(history.size(), history.maxBytesOrDefault(), room -> !members.of(room).isEmpty());
        long idleNanos = roomsConfig.idleExpiry().toNanos();
        long every = Math.max(100, Math.min(60_000, roomsConfig.idleExpiry().toMillis() / 4));
        this.sweeper = vertx.setPeriodic(every, tick -> rooms.expireIdle(idleNanos));
    }

    @Override
    public Uni<ChatMessage> publish(Post post) {
        long timestamp = System.currentTimeMillis();
        ChatMessage message = null;
        while (message == null) {
            MessageLog log = rooms.forWriting(post.room());
            synchronized (log) {
                // Forgotten between the lookup and now: the room starts over in a new log.
                if (!log.isForgotten()) {
                    message = log.next(post, timestamp);
                    rooms.retained(log.append(message));
                    fanOut.localBroadcast(message);
                    // In the room's monitor, so the events of a room queue in seq order.
                    events.message(message);
                }
            }
        }
        // Outside the room's monitor: the budget takes other rooms' monitors, one at a time.
        rooms.enforceBudget();
        return Uni.createFrom().item(message);
    }

    @Override
    public Uni<History> history(String room, Long since, int limit) {
        return Uni.createFrom().item(rooms.read(room, since, limit));
    }

    @Override
    public Uni<Boolean> delete(String room, long seq) {
        MessageLog log = rooms.find(room);
        if (log == null) {
            return Uni.createFrom().item(false);
        }
        synchronized (log) {
            long freed = log.isForgotten() ? -1 : log.tombstone(seq);
            if (freed < 0) {
                return Uni.createFrom().item(false);
            }
            rooms.retained(-freed);
            fanOut.deleted(room, seq);
            events.deleted(room, seq);
            return Uni.createFrom().item(true);
        }
    }

    @Override
    public Uni<Edit> edit(Edit edit, Editor editor, long notBefore) {
        MessageLog log = rooms.find(edit.room());
        if (log == null) {
            return Uni.createFrom().failure(EditRefusals.of(EditRefusals.NOT_FOUND, edit));
        }
        synchronized (log) {
            try {
                if (log.isForgotten()) {
                    throw EditRefusals.of(EditRefusals.NOT_FOUND, edit);
                }
                rooms.retained(log.amend(edit, editor, notBefore));
            } catch (RuntimeException refused) {
                return Uni.createFrom().failure(refused);
            }
            fanOut.edited(edit);
            return Uni.createFrom().item(edit);
        }
    }

    @Override
    public Uni<Map<String, Integer>> react(Reaction reaction, int maxEmoji) {
        MessageLog log = rooms.find(reaction.room());
        if (log == null) {
            return Uni.createFrom().failure(new RejectedException(Rejection.NOT_FOUND, "no message to react to"));
        }
        Map<String, Integer> counts;
        synchronized (log) {
            if (log.isForgotten()) {
                return Uni.createFrom().failure(new RejectedException(Rejection.NOT_FOUND, "no message to react to"));
            }
            try {
                rooms.retained(log.react(reaction, maxEmoji));
            } catch (RejectedException refused) {
                return Uni.createFrom().failure(refused);
            }
            counts = log.reactions(reaction.seq());
            // In the room's monitor, so members see the counts of one message in the order they changed.
            fanOut.reactions(reaction.room(), reaction.seq(), counts);
        }
        rooms.enforceBudget();
        return Uni.createFrom().item(counts);
    }

    @Override
    public Uni<Void> disconnectUser(String uid) {
        fanOut.disconnectUser(uid);
        return Uni.createFrom().voidItem();
    }

    /** Estimated bytes of all retained messages, and how many rooms hold them. */
    public long retainedBytes() {
        return rooms.bytes();
    }

    public int roomCount() {
        return rooms.size();
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweeper);
    }
}
