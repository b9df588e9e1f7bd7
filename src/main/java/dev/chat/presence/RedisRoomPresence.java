package dev.chat.presence;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.backplane.RoomsConfig;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * One room's presence in Redis, changed by one script so a change and its announcement are one step.
 * {@code chat:room:{room}:held:<instance>} holds the people an instance holds there (person → name),
 * {@code :people} counts the instances holding each person, {@code :shown-as} is each person's latest name.
 * Nothing here is refreshed on a timer: whether an instance is alive is its heartbeat's business
 * ({@link InstanceHeartbeat}), and every call sweeps the entries of the instances it is told are dead.
 */
@ApplicationScoped
class RedisRoomPresence {

    /**
     * KEYS: people, shown-as, meta, history, held by this instance, then held by each dead instance. ARGV: op
     * (hold, release, read), publish command, channel, the room's idle expiry ms, then for hold key/name
     * pairs, for release keys. Holds go before the sweep, so a person moving from an instance's old id to
     * its new one never looks offline. While anyone is held, the room's keys live for the idle expiry.
     */
    private static final RedisScript SCRIPT = new RedisScript("""
            local now = redis.call('TIME')
            local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local function announce(change, key, name)
              local event = {kind = 'presence', change = change, name = name,
                online = tostring(redis.call('HLEN', KEYS[1])), ts = tostring(nowMs)}
              if string.sub(key, 1, 2) == 'u:' then event.uid = string.sub(key, 3) end
              redis.call(ARGV[2], ARGV[3], cjson.encode(event))
            end
            local function drop(key)
              if redis.call('HINCRBY', KEYS[1], key, -1) <= 0 then
                redis.call('HDEL', KEYS[1], key)
                local name = redis.call('HGET', KEYS[2], key) or string.sub(key, 3)
                redis.call('HDEL', KEYS[2], key)
                announce('leave', key, name)
              end
            end
            if ARGV[1] == 'hold' then
              for i = 5, #ARGV, 2 do
                local fresh = redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1]) == 1
                redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
                if fresh and redis.call('HINCRBY', KEYS[1], ARGV[i], 1) == 1 then
                  announce('join', ARGV[i], ARGV[i + 1])
                end
              end
            elseif ARGV[1] == 'release' then
              for i = 5, #ARGV do
                if redis.call('HDEL', KEYS[5], ARGV[i]) == 1 then
                  drop(ARGV[i])
                end
              end
            end
            for k = 6, #KEYS do
              for _, key in ipairs(redis.call('HKEYS', KEYS[k])) do
                drop(key)
              end
              redis.call('DEL', KEYS[k])
            end
            if ARGV[1] == 'hold' and redis.call('EXISTS', KEYS[1]) == 1 then
              for k = 1, 5 do
                redis.call('PEXPIRE', KEYS[k], ARGV[4])
              end
            end
            if ARGV[1] == 'read' then
              return redis.call('HGETALL', KEYS[2])
            end
            return redis.call('HLEN', KEYS[1])
            """);

    private final RedisNodes nodes;
    private final RoomChannels channels;
    private final RedisConfig redisConfig;
    private final String idleExpiryMillis;

    RedisRoomPresence(RedisNodes nodes, RoomChannels channels, RedisConfig redisConfig, RoomsConfig rooms) {
        this.nodes = nodes;
        this.channels = channels;
        this.redisConfig = redisConfig;
        this.idleExpiryMillis = String.valueOf(rooms.idleExpiry().toMillis());
    }

    /** Holds the people for {@code instance} (again is harmless, and renames); completes with the room's count. */
    Uni<Integer> hold(String room, String instance, List<String> dead, Iterable<Person> people) {
        List<String> args = new ArrayList<>();
        people.forEach(person -> {
            args.add(person.key());
            args.add(person.name());
        });
        return run("hold", room, instance, dead, args).map(Response::toInteger);
    }

    Uni<Integer> release(String room, String instance, List<String> dead, List<Person> people) {
        return run("release", room, instance, dead, people.stream().map(Person::key).toList()).map(Response::toInteger);
    }

    /** The people online, once the entries of the dead instances are swept. */
    Uni<List<Person>> read(String room, String instance, List<String> dead) {
        return run("read", room, instance, dead, List.of()).map(RedisRoomPresence::people);
    }

    private Uni<Response> run(String op, String room, String instance, List<String> dead, List<String> rest) {
        List<String> keys = new ArrayList<>(List.of(RoomKeys.people(room), RoomKeys.shownAs(room), RoomKeys.meta(room),
                RoomKeys.history(room), RoomKeys.heldBy(room, instance)));
        dead.forEach(id -> keys.add(RoomKeys.heldBy(room, id)));
        List<String> args = new ArrayList<>(List.of(op, channels.pubSub().publishCommand(), RoomKeys.channel(room),
                idleExpiryMillis));
        args.addAll(rest);
        return SCRIPT.run(nodes, keys, args)
                .ifNoItem().after(redisConfig.timeout()).fail()
                .onFailure().transform(Unavailable::of);
    }

    private static List<Person> people(Response flat) {
        List<Person> people = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            people.add(Person.of(flat.get(i).toString(), flat.get(i + 1).toString()));
        }
        people.sort(Person.ORDER);
        return people;
    }
}
