package dev.chat.backplane;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chat.fanout.FanOut;
import dev.chat.fanout.LocalMembers;
import dev.chat.message.ChatMessage;
import dev.chat.message.History;
import dev.chat.redis.PubSub;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomEvent;
import dev.chat.trace.MessageTraces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;

/**
 * Hands the messages of the rooms this instance holds members of to its {@link FanOut}: once each, in
 * {@code seq} order per room, with no hole. A room's channel is listened to from its first local member
 * on, before that member's replay is read, and left when its last local member goes.
 *
 * <p>It remembers, per room with local members, the epoch and the last {@code seq} it delivered. A
 * message after a hole brings the missing ones from history first; a message of another epoch means the
 * room's history started over, and local members are told so before it; after a room's channel was lost
 * and found again, the room catches up from history, since the channel does not keep what it carried
 * meanwhile. A room's events are handled one at a time, in the order its channel brought them, which is
 * {@code seq} order: the script that stores a message publishes it.
 */
@ApplicationScoped
class RedisReceiver {

    private static final Logger LOG = Logger.getLogger(RedisReceiver.class);

    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final FanOut fanOut;
    private final LocalMembers members;
    private final RedisHistory history;
    private final int retained;
    private final RoomChannels channels;
    private final Counter received;
    private final SubscriptionGrace grace;
    private final CatchUps catchUps;

    RedisReceiver(FanOut fanOut, LocalMembers members, RedisHistory history, HistoryConfig config, RoomChannels channels,
            SubscriptionGrace grace, CatchUps catchUps, MeterRegistry registry) {
        this.grace = grace;
        this.catchUps = catchUps;
        this.fanOut = fanOut;
        this.members = members;
        this.history = history;
        this.retained = config.size();
        this.channels = channels;
        this.received = Counter.builder("chat.backplane.received")
                .description("Messages this instance took from the backplane for its own members")
                .register(registry);
    }

    @PostConstruct
    void start() {
        channels.on(RedisMessages.KIND, this::onEvent);
        channels.onSubscribed(this::subscribed);
        // Subscribed at once, so that a member who reads no history (a listener) hears the room too.
        members.onOpened(room -> {
            grace.keep(room);
            channels.subscribe(room).subscribe().with(listening -> {
            }, failure -> LOG.debugf("room %s: not subscribed yet: %s", room, failure));
        });
        members.onEmptied(room -> {
            positions.remove(room);
            grace.leaveLater(room);
        });
    }

    PubSub pubSub() {
        return channels.pubSub();
    }

    /**
     * Reads the room's history; for a room with local members, its channel is listened to before, so
     * everything after what was read arrives live, and what was read is where delivery goes on from.
     */
    Uni<History> readAndFollow(String room, Long since, int limit) {
        return readAndFollow(room, since, limit, servesMembersOf(room));
    }

    private Uni<History> readAndFollow(String room, Long since, int limit, boolean forMembers) {
        return listenFor(room).flatMap(listening -> history.read(room, since, limit, forMembers))
                .invoke(found -> joinedAt(room, found));
    }

    private Uni<Void> listenFor(String room) {
        return members.of(room).isEmpty() ? Uni.createFrom().voidItem() : channels.subscribe(room);
    }

    /** Whether a named member is here; a waiting long poll is a listener, not a member. */
    boolean servesMembersOf(String room) {
        return members.of(room).stream().anyMatch(member -> member.name() != null);
    }

    /**
     * A local member read the room's history up to here; the channel carries everything after it. Reads by
     * anyone else (polls) leave nothing behind. A known position stays, even from an earlier epoch: the
     * members who hold that epoch still have to be told of the reset and handed the new epoch's messages,
     * which the room's next catch-up or message does ({@link #startOver}).
     */
    private void joinedAt(String room, History found) {
        if (members.of(room).isEmpty()) {
            return;
        }
        positions.putIfAbsent(room, new Position(found.epoch(), found.lastSeq()));
    }

    Uni<Void> onEvent(RoomEvent event) {
        String room = event.room();
        if (members.of(room).isEmpty()) {
            positions.remove(room);
            grace.leaveLater(room);
            return Uni.createFrom().voidItem();
        }
        ChatMessage message = RedisMessages.message(event);
        String epoch = event.get("epoch");
        Position position = positions.computeIfAbsent(room, key -> new Position(epoch, message.seq() - 1));
        if (!position.epoch().equals(epoch)) {
            startOver(room, position, epoch);
            position = new Position(epoch, 0);
            positions.put(room, position);
        }
        if (message.seq() <= position.seq()) {
            return Uni.createFrom().voidItem();
        }
        if (message.seq() == position.seq() + 1) {
            deliver(epoch, message, MessageTraces.parse(event.get("trace")));
            return Uni.createFrom().voidItem();
        }
        return fill(room, position).invoke(() -> deliver(epoch, message, MessageTraces.parse(event.get("trace"))));
    }

    /**
     * The room's channel is confirmed: from here on it carries every message. A room new here needs no
     * read: its first member's replay, read after this confirmation, records where delivery goes on from
     * ({@link #joinedAt}), and a message that comes first starts the position itself. A room that had a
     * position, because its channel was lost and is back, catches up on what the channel did not carry
     * meanwhile, paced with every other room that came back at the same moment ({@link CatchUps}); its
     * events wait behind that catch-up, so they still come in {@code seq} order.
     */
    Uni<Void> subscribed(String room) {
        if (members.of(room).isEmpty() || !positions.containsKey(room)) {
            return Uni.createFrom().voidItem();
        }
        return catchUps.paced(() -> {
            Position position = positions.get(room);
            return members.of(room).isEmpty() || position == null ? Uni.createFrom().voidItem() : fill(room, position);
        });
    }

    private Uni<Void> fill(String room, Position from) {
        // Catching up from a known position is for members: a room lost meanwhile gets its new epoch stored.
        return readAndFollow(room, from.seq(), retained, true).flatMap(found -> {
            if (!found.epoch().equals(from.epoch())) {
                startOver(room, from, found.epoch());
                positions.put(room, new Position(found.epoch(), 0));
                return fill(room, positions.get(room));
            }
            if (found.gap() != null) {
                LOG.warnf("room %s: messages %d-%d were evicted before this instance could deliver them",
                        room, found.gap().from(), found.gap().to());
            }
            found.messages().forEach(message -> deliver(found.epoch(), message, SpanContext.getInvalid()));
            return Uni.createFrom().voidItem();
        });
    }

    /** Members who were handed nothing of the old epoch (it may have been a reader's, never stored) have nothing to drop. */
    private void startOver(String room, Position from, String epoch) {
        if (from.seq() > 0) {
            LOG.infof("room %s started over with epoch %s", room, epoch);
            fanOut.restart(room);
        }
    }

    /** This instance's fan-out links to the send span the event names. */
    private void deliver(String epoch, ChatMessage message, SpanContext sender) {
        Position position = positions.get(message.room());
        if (position != null && position.epoch().equals(epoch) && message.seq() <= position.seq()) {
            return;
        }
        positions.put(message.room(), new Position(epoch, message.seq()));
        received.increment();
        fanOut.localBroadcast(message, sender);
    }

    private record Position(String epoch, long seq) {
    }
}
