package dev.chat.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The outbox shared by every instance on the Redis backplane. Each room's events wait in a stream of the
 * room ({@link RoomKeys#events}, with the room's hash tag, so on a Cluster it lives beside the room), and
 * the room's name in one set of rooms with events waiting. An event leaves its stream only once the
 * endpoint took it, so an instance that stops or crashes mid-delivery loses nothing: the next owner sends
 * it again. Every instance looks at the waiting rooms; one at a time holds a room's lease and sends its
 * events, a batch after the other, in stream order.
 */
class RedisOutbox implements EventOutbox {

    private static final Logger LOG = Logger.getLogger(RedisOutbox.class);
    static final String WAITING_ROOMS = "chat:hooks:rooms";
    private static final long POLL_MILLIS = 200;

    /** Takes the lease when nobody holds it, or renews it for its holder. */
    private static final RedisScript LEASE = new RedisScript("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0""");

    /**
     * KEYS: the room's events, its lease. ARGV: this owner. An empty stream is removed with the lease, in one
     * step with respect to the store script, so no event is written between the count and the removal.
     */
    private static final RedisScript SETTLE = new RedisScript("""
            local waiting = redis.call('XLEN', KEYS[1])
            if waiting == 0 then
              redis.call('DEL', KEYS[1])
              if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
            end
            return waiting""");

    private final Vertx vertx;
    private final RedisNodes nodes;
    private final HookMeters meters;
    private final long leaseMillis;
    private final String owner = UUID.randomUUID().toString();
    private final Set<String> sending = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Long> notBefore = new ConcurrentHashMap<>();
    private final Map<String, Long> oldest = new ConcurrentHashMap<>();
    private final Function<HookEvent, String> json;
    private volatile boolean stopped;

    RedisOutbox(Vertx vertx, RedisNodes nodes, HookMeters meters, long leaseMillis, Function<HookEvent, String> json) {
        this.json = json;
        this.vertx = vertx;
        this.nodes = nodes;
        this.meters = meters;
        this.leaseMillis = leaseMillis;
    }

    Uni<Void> expectIn(String room) {
        return nodes.send(WAITING_ROOMS, Request.cmd(Command.SADD).arg(WAITING_ROOMS).arg(room)).replaceWithVoid();
    }

    /**
     * After the store script wrote a message's event: marks the room once more, because a deliverer may
     * have settled it between the mark made before the script and the script itself.
     */
    void stored(String room) {
        meters.queued();
        expectIn(room).subscribe().with(marked -> {
        }, failure -> LOG.debugf("room %s not marked: %s", room, failure));
    }

    @Override
    public Uni<Void> add(HookEvent event, String json) {
        String stream = RoomKeys.events(event.room());
        return nodes.send(stream, Request.cmd(Command.XADD).arg(stream).arg("*").arg("e").arg(json))
                .flatMap(id -> nodes.send(WAITING_ROOMS, Request.cmd(Command.SADD).arg(WAITING_ROOMS).arg(event.room())))
                .invoke(meters::queued)
                .replaceWithVoid();
    }

    @Override
    public void start(EventDelivery delivery) {
        next(delivery);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    private void next(EventDelivery delivery) {
        if (!stopped) {
            vertx.setTimer(POLL_MILLIS, id -> round(delivery));
        }
    }

    private void round(EventDelivery delivery) {
        nodes.send(WAITING_ROOMS, Request.cmd(Command.SMEMBERS).arg(WAITING_ROOMS)).subscribe().with(rooms -> {
            long now = System.currentTimeMillis();
            for (Response room : rooms) {
                String name = room.toString();
                if (notBefore.getOrDefault(name, 0L) <= now && sending.add(name)) {
                    deliverRoom(delivery, name);
                }
            }
            meters.oldestWaiting(oldest.values().stream().mapToLong(Long::longValue).min().orElse(0));
            next(delivery);
        }, failure -> {
            LOG.debugf("waiting rooms not read: %s", failure);
            next(delivery);
        });
    }

    private void deliverRoom(EventDelivery delivery, String room) {
        String lease = RoomKeys.eventsLease(room);
        LEASE.run(nodes, List.of(lease), List.of(owner, String.valueOf(leaseMillis)))
                .flatMap(held -> held.toInteger() == 1 ? sendBatch(delivery, room) : Uni.createFrom().item(false))
                .subscribe().with(more -> {
                    sending.remove(room);
                    if (more) {
                        // A full batch went: the room may hold more, so it goes on without waiting for the next round.
                        if (sending.add(room)) {
                            deliverRoom(delivery, room);
                        }
                    }
                }, failure -> {
                    int count = failures.merge(room, 1, Integer::sum);
                    notBefore.put(room, System.currentTimeMillis() + delivery.backoff(count).toMillis());
                    LOG.warnf("events of %s not delivered (%d in a row): %s", room, count, failure.getMessage());
                    sending.remove(room);
                });
    }

    /** Sends the room's oldest batch; true when it was full, so more may wait. */
    private Uni<Boolean> sendBatch(EventDelivery delivery, String room) {
        String stream = RoomKeys.events(room);
        return nodes.send(stream, Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+").arg("COUNT")
                .arg(delivery.batch())).flatMap(entries -> {
                    if (entries.size() == 0) {
                        return settle(room).replaceWith(false);
                    }
                    List<String> ids = new ArrayList<>(entries.size());
                    List<String> events = new ArrayList<>(entries.size());
                    for (Response entry : entries) {
                        ids.add(entry.get(0).toString());
                        events.add(event(room, entry.get(1)));
                    }
                    oldest.put(room, Long.parseLong(ids.get(0).substring(0, ids.get(0).indexOf('-'))));
                    if (failures.containsKey(room)) {
                        meters.retried(ids.size());
                    }
                    Request delete = Request.cmd(Command.XDEL).arg(stream);
                    ids.forEach(delete::arg);
                    return delivery.send(events)
                            .flatMap(taken -> nodes.send(stream, delete))
                            .invoke(deleted -> {
                                failures.remove(room);
                                notBefore.remove(room);
                            })
                            .map(deleted -> ids.size() == delivery.batch());
                });
    }

    /**
     * An entry is either an event as JSON (field {@code e}), or a message the store script wrote, whose
     * id is made of the room, its epoch and its seq, so it is the same however often it is sent.
     */
    private String event(String room, Response fields) {
        if ("e".equals(fields.get(0).toString())) {
            return fields.get(1).toString();
        }
        Map<String, String> message = new java.util.HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            message.put(fields.get(i).toString(), fields.get(i + 1).toString());
        }
        String uid = message.getOrDefault("uid", "");
        long seq = Long.parseLong(message.get("seq"));
        return json.apply(new HookEvent(room + ":" + message.get("epoch") + ":" + seq, "message", room, seq,
                message.get("from"), uid.isEmpty() ? null : uid, null, message.get("text"), Long.parseLong(message.get("ts"))));
    }

    /**
     * Takes an empty room off the waiting set, and its empty stream out of Redis. Every event marks its
     * room after writing its stream, so one written meanwhile either is counted here (and the room goes
     * back on the set) or marks the room itself afterwards.
     */
    private Uni<Void> settle(String room) {
        String stream = RoomKeys.events(room);
        oldest.remove(room);
        return nodes.send(WAITING_ROOMS, Request.cmd(Command.SREM).arg(WAITING_ROOMS).arg(room))
                .flatMap(removed -> SETTLE.run(nodes, List.of(stream, RoomKeys.eventsLease(room)), List.of(owner)))
                .flatMap(waiting -> waiting.toLong() > 0 ? expectIn(room) : Uni.createFrom().voidItem());
    }
}
