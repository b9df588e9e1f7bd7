package dev.chat.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import dev.chat.backplane.RoomsConfig;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomEvent;
import dev.chat.wire.PresenceNotice;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Presence shared by every instance through Redis. A room's entries name the instance that holds them
 * ({@link RedisRoomPresence}); the instance keeps them alive with one heartbeat of its own
 * ({@link InstanceHeartbeat}), so what liveness costs does not grow with the rooms. Every room call
 * ignores and sweeps the entries of the instances whose heartbeat ran out, and the first instance to see
 * one run out sweeps all its rooms, announcing each person who leaves with it. The script that makes a
 * change publishes it on the room's channel, and every instance holding members of the room announces it
 * to them as it arrives.
 *
 * <p>Besides, once per a third of {@code chat.rooms.idle-expiry}, each room this instance holds people in
 * is held again: that keeps an occupied room's messages from expiring, and restores entries a Redis
 * failover lost.
 */
@ApplicationScoped
@Typed(RedisPresence.class)
public class RedisPresence implements Presence {

    static final String PRESENCE = "presence";

    private static final Logger LOG = Logger.getLogger(RedisPresence.class);

    /** Per room, the people this instance holds there, by {@link Person#key()}, under their latest name. */
    private final Map<String, Map<String, Person>> held = new ConcurrentHashMap<>();
    private final RedisRoomPresence rooms;
    private final InstanceHeartbeat heartbeat;
    private final RoomChannels channels;
    private final Announcements announcements;
    private final Vertx vertx;
    private final PresenceConfig config;
    private final Duration keepRooms;
    private volatile List<String> dead = List.of();
    private long beating = -1;
    private long keeping = -1;

    RedisPresence(RedisRoomPresence rooms, InstanceHeartbeat heartbeat, RoomChannels channels, Announcements announcements,
            Vertx vertx, PresenceConfig config, RoomsConfig roomsConfig) {
        this.rooms = rooms;
        this.heartbeat = heartbeat;
        this.channels = channels;
        this.announcements = announcements;
        this.vertx = vertx;
        this.config = config;
        this.keepRooms = roomsConfig.idleExpiry().dividedBy(3);
    }

    @PostConstruct
    void start() {
        channels.on(PRESENCE, this::announce);
        beat();
        beating = vertx.setPeriodic(config.heartbeat().toMillis(), tick -> beat());
        keeping = vertx.setPeriodic(Math.max(1, keepRooms.toMillis()), tick -> keepRooms());
    }

    @Override
    public Uni<Integer> join(String room, Person person) {
        boolean[] first = new boolean[1];
        held.compute(room, (key, people) -> {
            Map<String, Person> holding = people == null ? new ConcurrentHashMap<>() : people;
            first[0] = people == null;
            holding.put(person.key(), person);
            return holding;
        });
        // Listed before its first entry exists, so whoever sweeps this instance finds the room.
        Uni<Void> listed = first[0] ? heartbeat.entered(room) : Uni.createFrom().voidItem();
        return listed.flatMap(done -> rooms.hold(room, heartbeat.id(), dead, List.of(person)));
    }

    @Override
    public Uni<Integer> leave(String room, Person person) {
        boolean[] emptied = new boolean[1];
        held.computeIfPresent(room, (key, people) -> {
            people.remove(person.key());
            emptied[0] = people.isEmpty();
            return emptied[0] ? null : people;
        });
        return rooms.release(room, heartbeat.id(), dead, List.of(person))
                .call(online -> emptied[0] && !held.containsKey(room) ? heartbeat.emptied(room) : Uni.createFrom().voidItem());
    }

    @Override
    public Uni<List<Person>> people(String room) {
        return rooms.read(room, heartbeat.id(), dead);
    }

    private void beat() {
        heartbeat.beat().subscribe().with(found -> {
            if (found.lost()) {
                holdAgainUnderANewId();
                return;
            }
            dead = found.dead();
            found.toSweep().forEach(this::sweep);
        }, failure -> LOG.debugf("presence heartbeat failed: %s", failure));
    }

    /** Every room of a dead instance, swept one after the other; then the instance is forgotten. */
    private void sweep(String instance) {
        heartbeat.roomsOf(instance)
                .onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                .onItem().transformToUniAndConcatenate(room -> rooms.read(room, heartbeat.id(), List.of(instance)))
                .collect().last()
                .flatMap(swept -> heartbeat.forget(instance))
                .subscribe().with(done -> LOG.debugf("swept the presence of instance %s", instance),
                        failure -> LOG.debugf("sweep of instance %s stopped, another will take it over: %s", instance, failure));
    }

    /**
     * Redis no longer counts this instance alive (a long pause, or it lost the heartbeat): under a new id,
     * every person is held again and the old id's entries swept in the same step, so nobody flickers.
     */
    private void holdAgainUnderANewId() {
        String old = heartbeat.renew();
        LOG.infof("presence heartbeat of %s ran out; holding again as %s", old, heartbeat.id());
        List<String> sweepToo = new ArrayList<>(dead);
        sweepToo.add(old);
        heartbeat.beat()
                .onItem().transformToMulti(registered -> Multi.createFrom().iterable(List.copyOf(held.entrySet())))
                .onItem().transformToUniAndConcatenate(room -> heartbeat.entered(room.getKey())
                        .flatMap(listed -> rooms.hold(room.getKey(), heartbeat.id(), sweepToo, List.copyOf(room.getValue().values()))))
                .collect().last()
                .flatMap(done -> heartbeat.forget(old))
                .subscribe().with(done -> {
                }, failure -> LOG.debugf("holding again failed, the next heartbeat retries: %s", failure));
    }

    /** Lists the rooms again too: a leave's removal may have crossed a join's listing of the same room. */
    private void keepRooms() {
        List<String> holding = List.copyOf(held.keySet());
        if (!holding.isEmpty()) {
            heartbeat.entered(holding).subscribe().with(listed -> {
            }, failure -> LOG.debugf("rooms of this instance not listed: %s", failure));
        }
        held.forEach((room, people) -> rooms.hold(room, heartbeat.id(), dead, List.copyOf(people.values()))
                .subscribe().with(online -> {
                }, failure -> LOG.debugf("presence of %s not kept: %s", room, failure)));
    }

    private Uni<Void> announce(RoomEvent event) {
        int online = Integer.parseInt(event.get("online"));
        long timestamp = Long.parseLong(event.get("ts"));
        announcements.announce(new PresenceNotice(event.get("change"), event.room(), event.get("name"), event.get("uid"),
                online, timestamp));
        return Uni.createFrom().voidItem();
    }

    /** A goodbye, so other instances see this one's people leave now rather than at expiry. */
    @PreDestroy
    void stop() {
        vertx.cancelTimer(beating);
        vertx.cancelTimer(keeping);
        held.forEach((room, people) -> goodbye(rooms.release(room, heartbeat.id(), List.of(), List.copyOf(people.values()))));
        goodbye(heartbeat.forget(heartbeat.id()));
    }

    private static void goodbye(Uni<?> step) {
        try {
            step.await().atMost(Duration.ofSeconds(1));
        } catch (RuntimeException unreachable) {
            LOG.debugf("no goodbye: %s", unreachable);
        }
    }
}
