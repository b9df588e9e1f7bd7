package dev.chat.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import dev.chat.backplane.RoomsConfig;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomEvent;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import dev.chat.wire.PresenceNotice;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Presence shared by every instance through Redis. Per room, {@code chat:room:{room}:presence} is a sorted
 * set of {@code <instance>|<name>} scored by when that holding expires (Redis' own clock), and
 * {@code chat:room:{room}:names} counts, per name, the instances holding it. Every instance refreshes its
 * holdings each {@code chat.presence.heartbeat}; every script call first sweeps the holdings that expired,
 * so a dead instance's names leave within {@code chat.presence.expiry} plus one heartbeat of another
 * instance in the room. The script that makes a change publishes it on the room's channel, and every
 * instance holding members of the room announces it to them as it arrives; no key is shared between rooms.
 */
@ApplicationScoped
@Typed(RedisPresence.class)
public class RedisPresence implements Presence {

    static final String PRESENCE = "presence";

    private static final Logger LOG = Logger.getLogger(RedisPresence.class);

    /**
     * KEYS: holdings, names, the room's meta and history. ARGV: op (hold, release, read), instance, expiry
     * ms, publish command, channel, the room's idle expiry ms, names... While anyone holds a name in the
     * room, the heartbeat pushes back the expiry of its messages too: a room with members is not idle.
     */
    private static final RedisScript SCRIPT = new RedisScript("""
            local now = redis.call('TIME')
            local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local function announce(change, name)
              redis.call(ARGV[4], ARGV[5], cjson.encode({kind = 'presence', change = change, name = name,
                online = tostring(redis.call('HLEN', KEYS[2])), ts = tostring(nowMs)}))
            end
            local function drop(name)
              if redis.call('HINCRBY', KEYS[2], name, -1) <= 0 then
                redis.call('HDEL', KEYS[2], name)
                announce('leave', name)
              end
            end
            for _, holding in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', nowMs)) do
              redis.call('ZREM', KEYS[1], holding)
              drop(string.sub(holding, string.find(holding, '|', 1, true) + 1))
            end
            for i = 7, #ARGV do
              local holding = ARGV[2] .. '|' .. ARGV[i]
              if ARGV[1] == 'hold' then
                if redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[3]), holding) == 1 then
                  if redis.call('HINCRBY', KEYS[2], ARGV[i], 1) == 1 then
                    announce('join', ARGV[i])
                  end
                end
              elseif ARGV[1] == 'release' then
                if redis.call('ZREM', KEYS[1], holding) == 1 then
                  drop(ARGV[i])
                end
              end
            end
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('PEXPIRE', KEYS[1], 2 * tonumber(ARGV[3]))
              redis.call('PEXPIRE', KEYS[2], 2 * tonumber(ARGV[3]))
              if ARGV[1] == 'hold' then
                redis.call('PEXPIRE', KEYS[3], ARGV[6])
                redis.call('PEXPIRE', KEYS[4], ARGV[6])
              end
            end
            return redis.call('HKEYS', KEYS[2])
            """);

    private final String instance = UUID.randomUUID().toString();
    private final Map<String, Set<String>> held = new ConcurrentHashMap<>();
    private final RedisNodes nodes;
    private final RoomChannels channels;
    private final Announcements announcements;
    private final Vertx vertx;
    private final PresenceConfig config;
    private final RedisConfig redisConfig;
    private final String idleExpiryMillis;
    private long heartbeat = -1;

    RedisPresence(RedisNodes nodes, RoomChannels channels, Announcements announcements, Vertx vertx, PresenceConfig config,
            RedisConfig redisConfig, RoomsConfig rooms) {
        this.nodes = nodes;
        this.channels = channels;
        this.announcements = announcements;
        this.vertx = vertx;
        this.config = config;
        this.redisConfig = redisConfig;
        this.idleExpiryMillis = String.valueOf(rooms.idleExpiry().toMillis());
    }

    @PostConstruct
    void start() {
        channels.on(PRESENCE, this::announce);
        heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), tick -> refresh());
    }

    @Override
    public Uni<Integer> join(String room, String name) {
        held.compute(room, (key, names) -> {
            Set<String> holding = names == null ? ConcurrentHashMap.newKeySet() : names;
            holding.add(name);
            return holding;
        });
        return run("hold", room, List.of(name)).map(List::size);
    }

    @Override
    public Uni<Integer> leave(String room, String name) {
        held.computeIfPresent(room, (key, names) -> {
            names.remove(name);
            return names.isEmpty() ? null : names;
        });
        return run("release", room, List.of(name)).map(List::size);
    }

    @Override
    public Uni<List<String>> names(String room) {
        return run("read", room, List.of());
    }

    /** Holds again everything this instance holds: extends the expiry, and restores what Redis lost. */
    private void refresh() {
        held.forEach((room, names) -> {
            List<String> now = List.copyOf(names);
            if (now.isEmpty()) {
                return;
            }
            run("hold", room, now).subscribe().with(online -> {
            }, failure -> LOG.debugf("presence heartbeat for %s failed: %s", room, failure));
        });
    }

    private Uni<Void> announce(RoomEvent event) {
        int online = Integer.parseInt(event.get("online"));
        long timestamp = Long.parseLong(event.get("ts"));
        announcements.announce(new PresenceNotice(event.get("change"), event.room(), event.get("name"), online, timestamp));
        return Uni.createFrom().voidItem();
    }

    private Uni<List<String>> run(String op, String room, List<String> names) {
        List<String> args = new ArrayList<>(6 + names.size());
        args.addAll(List.of(op, instance, String.valueOf(config.expiry().toMillis()), channels.pubSub().publishCommand(),
                RoomKeys.channel(room), idleExpiryMillis));
        args.addAll(names);
        return SCRIPT.run(nodes, List.of(RoomKeys.presence(room), RoomKeys.names(room), RoomKeys.meta(room),
                RoomKeys.history(room)), args)
                .ifNoItem().after(redisConfig.timeout()).fail()
                .map(RedisPresence::sorted)
                .onFailure().transform(Unavailable::of);
    }

    private static List<String> sorted(Response names) {
        List<String> sorted = new ArrayList<>(names.size());
        names.forEach(name -> sorted.add(name.toString()));
        sorted.sort(null);
        return sorted;
    }

    /** A goodbye, so other instances see this one's names leave now rather than at expiry. */
    @PreDestroy
    void stop() {
        vertx.cancelTimer(heartbeat);
        held.forEach((room, names) -> {
            try {
                run("release", room, List.copyOf(names)).await().atMost(Duration.ofSeconds(1));
            } catch (RuntimeException unreachable) {
                LOG.debugf("no goodbye for %s: %s", room, unreachable);
            }
        });
    }
}
