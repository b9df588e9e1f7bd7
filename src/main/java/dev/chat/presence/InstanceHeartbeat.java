package dev.chat.presence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.Unavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * This instance's liveness in Redis: one entry in {@code chat:presence:{instances}:heartbeats} (a sorted set
 * of instance ids scored by when their heartbeat runs out), pushed back each {@code chat.presence.heartbeat}
 * whatever the number of rooms. Beside it, {@code chat:presence:instance:{id}:rooms} lists the rooms where
 * the instance holds people, written only when a room gains its first or loses its last one here, so that
 * whoever finds the instance dead knows where to sweep.
 *
 * <p>An id found dead is never used again: an instance that finds its own heartbeat run out (a long pause,
 * or a Redis that lost it) takes a new id and holds its people again under it, so a sweep of the old id,
 * however late, removes nothing alive.
 */
@ApplicationScoped
class InstanceHeartbeat {

    static final String HEARTBEATS = "chat:presence:{instances}:heartbeats";
    static final String SWEEPERS = "chat:presence:{instances}:sweepers";

    /**
     * KEYS: heartbeats, sweepers. ARGV: id, expiry ms, '1' for the id's first beat. Returns the status
     * ('ok', or 'lost' with nothing written), the ids whose heartbeat ran out, and those of them this
     * instance now claims to sweep (a claim lasts one expiry, then another instance may take it over).
     */
    private static final RedisScript BEAT = new RedisScript("""
            local now = redis.call('TIME')
            local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if ARGV[3] ~= '1' and (not mine or tonumber(mine) < nowMs) then
              return {'lost', {}, {}}
            end
            redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[1])
            local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. nowMs)
            local claimed = {}
            for _, id in ipairs(dead) do
              local claim = redis.call('HGET', KEYS[2], id)
              if not claim or tonumber(claim) < nowMs then
                redis.call('HSET', KEYS[2], id, nowMs + tonumber(ARGV[2]))
                table.insert(claimed, id)
              end
            end
            return {'ok', dead, claimed}
            """);

    private static final RedisScript FORGET = new RedisScript("""
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """);

    /** What one beat found: whether this id was lost, the dead ids, and the ones to sweep now. */
    record Beat(boolean lost, List<String> dead, List<String> toSweep) {
    }

    private final RedisNodes nodes;
    private final RedisConfig redisConfig;
    private final String expiryMillis;
    private volatile String id = UUID.randomUUID().toString();
    private volatile boolean registered;

    InstanceHeartbeat(RedisNodes nodes, RedisConfig redisConfig, PresenceConfig config) {
        this.nodes = nodes;
        this.redisConfig = redisConfig;
        this.expiryMillis = String.valueOf(config.expiry().toMillis());
    }

    String id() {
        return id;
    }

    /** Drops the current id for a new one, which the next beat registers; returns the old one. */
    synchronized String renew() {
        String old = id;
        id = UUID.randomUUID().toString();
        registered = false;
        return old;
    }

    Uni<Beat> beat() {
        String beating = id;
        return timed(BEAT.run(nodes, List.of(HEARTBEATS, SWEEPERS), List.of(beating, expiryMillis, registered ? "0" : "1")))
                .map(found -> {
                    boolean lost = "lost".equals(found.get(0).toString());
                    if (!lost && beating.equals(id)) {
                        registered = true;
                    }
                    return new Beat(lost, strings(found.get(1), beating), strings(found.get(2), beating));
                });
    }

    Uni<Void> entered(String room) {
        return entered(List.of(room));
    }

    Uni<Void> entered(Collection<String> some) {
        String key = rooms(id);
        Request add = Request.cmd(Command.SADD).arg(key);
        some.forEach(add::arg);
        return send(key, add);
    }

    Uni<Void> emptied(String room) {
        String key = rooms(id);
        return send(key, Request.cmd(Command.SREM).arg(key).arg(room));
    }

    Uni<List<String>> roomsOf(String instance) {
        return timed(nodes.send(rooms(instance), Request.cmd(Command.SMEMBERS).arg(rooms(instance))))
                .map(found -> strings(found, null));
    }

    /** Once every room of a dead (or retired) id is swept: the id leaves the heartbeats for good. */
    Uni<Void> forget(String instance) {
        return send(rooms(instance), Request.cmd(Command.DEL).arg(rooms(instance)))
                .flatMap(deleted -> timed(FORGET.run(nodes, List.of(HEARTBEATS, SWEEPERS), List.of(instance))))
                .replaceWithVoid();
    }

    private Uni<Void> send(String key, Request request) {
        return timed(nodes.send(key, request)).replaceWithVoid();
    }

    private <T> Uni<T> timed(Uni<T> command) {
        return command.ifNoItem().after(redisConfig.timeout()).fail().onFailure().transform(Unavailable::of);
    }

    static String rooms(String instance) {
        return "chat:presence:instance:{" + instance + "}:rooms";
    }

    private static List<String> strings(Response list, String except) {
        List<String> found = new ArrayList<>(list.size());
        list.forEach(item -> {
            if (!item.toString().equals(except)) {
                found.add(item.toString());
            }
        });
        return found;
    }
}
