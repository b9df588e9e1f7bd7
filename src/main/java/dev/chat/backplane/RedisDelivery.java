package dev.chat.backplane;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chat.fanout.FanOut;
import dev.chat.fanout.LocalMembers;
import dev.chat.message.ChatMessage;
import dev.chat.message.History;
import dev.chat.message.HistoryConfig;
import dev.chat.redis.FeedEntry;
import dev.chat.trace.MessageTraces;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Hands the cluster feed's messages to this instance's {@link FanOut}: once each, in {@code seq} order per
 * room, with no hole. It remembers, per room with local members, the epoch and the last {@code seq} it
 * delivered. A message after a hole brings the missing ones from history first; a message of another
 * epoch means the room's history started over, and local members are told so before it; after every
 * (re)connection each such room catches up from history, since the feed may have lost entries meanwhile.
 * Everything here runs on the feed reader, one entry at a time.
 */
@ApplicationScoped
class RedisDelivery {

    private static final Logger LOG = Logger.getLogger(RedisDelivery.class);

    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final FanOut fanOut;
    private final LocalMembers members;
    private final HistoryConfig history;
    private HistoryReader reader;

    RedisDelivery(FanOut fanOut, LocalMembers members, HistoryConfig history) {
        this.fanOut = fanOut;
        this.members = members;
        this.history = history;
    }

    interface HistoryReader {
        Uni<History> after(String room, Long since, int limit);
    }

    void readFrom(HistoryReader reader) {
        this.reader = reader;
    }

    /**
     * A local member read the room's history up to here; the feed carries everything after it. Reads by
     * anyone else (polls) leave nothing behind, and a position from an earlier epoch gives way to the one
     * just read: that history is gone, and a member who joined after it has nothing to be told.
     */
    void joinedAt(String room, History found) {
        if (members.of(room).isEmpty()) {
            return;
        }
        positions.merge(room, new Position(found.epoch(), found.lastSeq()),
                (known, read) -> known.epoch().equals(read.epoch()) ? known : read);
    }

    Uni<Void> onEntry(FeedEntry entry) {
        String room = entry.get("room");
        if (members.of(room).isEmpty()) {
            positions.remove(room);
            return Uni.createFrom().voidItem();
        }
        ChatMessage message = RedisBackplane.message(entry);
        String epoch = entry.get("epoch");
        Position position = positions.computeIfAbsent(room, key -> new Position(epoch, message.seq() - 1));
        if (!position.epoch().equals(epoch)) {
            LOG.infof("room %s started over with epoch %s", room, epoch);
            fanOut.restart(room);
            position = new Position(epoch, 0);
            positions.put(room, position);
        }
        if (message.seq() <= position.seq()) {
            return Uni.createFrom().voidItem();
        }
        if (message.seq() == position.seq() + 1) {
            deliverTraced(entry, epoch, message);
            return Uni.createFrom().voidItem();
        }
        return fill(room, position).invoke(() -> deliverTraced(entry, epoch, message));
    }

    /** After a (re)connection: whatever each room with local members stored since this instance last delivered. */
    Uni<Void> catchUp() {
        return Multi.createFrom().iterable(List.copyOf(positions.keySet()))
                .onItem().transformToUniAndConcatenate(room -> {
                    Position position = positions.get(room);
                    if (position == null || members.of(room).isEmpty()) {
                        positions.remove(room);
                        return Uni.createFrom().voidItem();
                    }
                    return fill(room, position);
                })
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> fill(String room, Position from) {
        return reader.after(room, from.seq(), history.size()).flatMap(found -> {
            if (!found.epoch().equals(from.epoch())) {
                LOG.infof("room %s started over with epoch %s", room, found.epoch());
                fanOut.restart(room);
                positions.put(room, new Position(found.epoch(), 0));
                return fill(room, positions.get(room));
            }
            if (found.gap() != null) {
                LOG.warnf("room %s: messages %d-%d were evicted before this instance could deliver them",
                        room, found.gap().from(), found.gap().to());
            }
            found.messages().forEach(message -> deliver(found.epoch(), message));
            return Uni.createFrom().voidItem();
        });
    }

    /** This instance's fan-out links to the send span the feed entry names. */
    private void deliverTraced(FeedEntry entry, String epoch, ChatMessage message) {
        deliver(epoch, message, MessageTraces.parse(entry.get("trace")));
    }

    private void deliver(String epoch, ChatMessage message) {
        deliver(epoch, message, SpanContext.getInvalid());
    }

    private void deliver(String epoch, ChatMessage message, SpanContext sender) {
        Position position = positions.get(message.room());
        if (position != null && position.epoch().equals(epoch) && message.seq() <= position.seq()) {
            return;
        }
        positions.put(message.room(), new Position(epoch, message.seq()));
        fanOut.deliver(message, sender);
    }

    private record Position(String epoch, long seq) {
    }
}
