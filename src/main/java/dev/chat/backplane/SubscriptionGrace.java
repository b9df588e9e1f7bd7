package dev.chat.backplane;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.LocalMembers;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RoomChannels;
import io.vertx.mutiny.core.Vertx;

/**
 * Leaves a room's channel {@code chat.redis.subscription-grace} after its last local member went, not at
 * once: a long poller comes back within milliseconds of each answer, and without the grace every poll
 * would subscribe and unsubscribe the room again. A member who comes back within the grace finds the
 * channel still confirmed, so it costs no command at all.
 */
@ApplicationScoped
class SubscriptionGrace {

    private final Vertx vertx;
    private final RoomChannels channels;
    private final LocalMembers members;
    private final long graceMillis;
    private final Map<String, Long> leaving = new ConcurrentHashMap<>();

    SubscriptionGrace(Vertx vertx, RoomChannels channels, LocalMembers members, RedisConfig config) {
        this.vertx = vertx;
        this.channels = channels;
        this.members = members;
        this.graceMillis = config.subscriptionGrace().toMillis();
    }

    /** The room is empty here: its channel goes after the grace, unless a member comes back first. */
    void leaveLater(String room) {
        if (graceMillis <= 0) {
            leaveIfEmpty(room);
            return;
        }
        leaving.computeIfAbsent(room, key -> vertx.setTimer(graceMillis, timer -> {
            leaving.remove(room);
            leaveIfEmpty(room);
        }));
    }

    /** A member is here again: the channel stays. */
    void keep(String room) {
        Long timer = leaving.remove(room);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void leaveIfEmpty(String room) {
        channels.unsubscribe(room, () -> members.of(room).isEmpty());
    }
}
