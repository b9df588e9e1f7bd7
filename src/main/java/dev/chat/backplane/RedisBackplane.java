package dev.chat.backplane;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.message.ChatMessage;
import dev.chat.message.Gap;
import dev.chat.message.History;
import dev.chat.message.HistoryConfig;
import dev.chat.message.Post;
import dev.chat.message.RoomsConfig;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisFeed;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomEvent;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import dev.chat.trace.MessageTraces;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Any number of instances sharing one Redis, a Redis behind Sentinel, or a Redis Cluster. Per room,
 * {@code chat:room:{room}:meta} holds the epoch and the last {@code seq}, and
 * {@code chat:room:{room}:history} is a stream of the last {@code chat.history.size} messages with ids
 * {@code <seq>-0}. Every key of a room carries the room as its hash tag, and no script touches two rooms,
 * so on a Cluster each room lives on one master.
 *
 * <p>{@link #publish} is one script: it takes the next {@code seq}, appends to the room's history and
 * publishes the message on the room's channel, so the channel's order is the order of {@code seq}. Only
 * the instances that hold members of the room listen to that channel ({@link RedisDelivery}). A room
 * whose meta is missing (new, or lost with its server) gets a fresh epoch and an emptied history in the
 * same script, so {@code seq} never starts over under an old epoch.
 *
 * <p>With {@code chat.redis.ack-replicas} above 0 a message is acknowledged only once {@code WAIT} says
 * that many replicas hold it. A failover can still take back what was stored but not yet replicated, and
 * members may already have seen it under a {@code seq} the new master will give again; so each room
 * records which master wrote it last (by replication id), and the first write on another master starts
 * the room on a new epoch, which every member is told of as a reset rather than skip a message silently.
 */
@ApplicationScoped
@Typed(RedisBackplane.class)
public class RedisBackplane implements Backplane {

    static final String MESSAGE = "message";

    /**
     * KEYS: meta, history, deleted. ARGV: fresh epoch, history size, room, from, text, timestamp, ref,
     * uid, the send span's traceparent ('' for none; only the channel carries it), idle expiry in ms
     * (every write pushes the room's expiry back), the publish command, the channel, the writing master's
     * replication id ('' when not checked). Returns the epoch and the seq.
     */
    private static final RedisScript PUBLISH = new RedisScript("""
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then
              epoch = ARGV[1]
              redis.call('DEL', KEYS[2], KEYS[3])
              redis.call('HSET', KEYS[1], 'epoch', epoch, 'seq', 0)
            elseif ARGV[13] ~= '' then
              local writer = redis.call('HGET', KEYS[1], 'writer')
              if writer and writer ~= ARGV[13] then
                epoch = ARGV[1]
                redis.call('HSET', KEYS[1], 'epoch', epoch)
              end
            end
            if ARGV[13] ~= '' then
              redis.call('HSET', KEYS[1], 'writer', ARGV[13])
            end
            local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
            redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], seq .. '-0',
              'from', ARGV[4], 'text', ARGV[5], 'ts', ARGV[6], 'ref', ARGV[7], 'uid', ARGV[8])
            redis.call('PEXPIRE', KEYS[1], ARGV[10])
            redis.call('PEXPIRE', KEYS[2], ARGV[10])
            redis.call('PEXPIRE', KEYS[3], ARGV[10])
            redis.call(ARGV[11], ARGV[12], cjson.encode({kind = 'message', epoch = epoch, seq = tostring(seq),
              from = ARGV[4], text = ARGV[5], ts = ARGV[6], ref = ARGV[7], uid = ARGV[8], trace = ARGV[9]}))
            return {epoch, seq}
            """);

    /**
     * KEYS: meta, history, deleted. ARGV: fresh epoch, first id wanted ('' for the newest), count, idle
     * expiry in ms. A room first seen by a reader gets its epoch here too, so a welcome's epoch is the one
     * its messages will carry; such a room, still without messages, is forgotten after the idle expiry.
     * The answer ends with the deleted seqs among the entries read.
     */
    private static final RedisScript HISTORY = new RedisScript("""
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then
              epoch = ARGV[1]
              redis.call('DEL', KEYS[2], KEYS[3])
              redis.call('HSET', KEYS[1], 'epoch', epoch, 'seq', 0)
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
            end
            local entries
            if ARGV[2] == '' then
              entries = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', ARGV[3])
            else
              entries = redis.call('XRANGE', KEYS[2], ARGV[2], '+', 'COUNT', ARGV[3])
            end
            local deleted = {}
            if #entries > 0 then
              local a = tonumber(string.match(entries[1][1], '^%d+'))
              local b = tonumber(string.match(entries[#entries][1], '^%d+'))
              deleted = redis.call('ZRANGEBYSCORE', KEYS[3], math.min(a, b), math.max(a, b))
            end
            return {epoch, redis.call('HGET', KEYS[1], 'seq'), entries, deleted}
            """);

    private final RedisNodes nodes;
    private final RedisFeed feed;
    private final RedisDelivery delivery;
    private final RedisConfig config;
    private final HistoryConfig history;
    private final RedisModeration moderation;
    private final String idleExpiryMillis;

    RedisBackplane(RedisNodes nodes, RedisFeed feed, RedisDelivery delivery, RedisConfig config, HistoryConfig history,
            RoomsConfig rooms, RedisModeration moderation) {
        this.nodes = nodes;
        this.feed = feed;
        this.delivery = delivery;
        this.config = config;
        this.history = history;
        this.moderation = moderation;
        this.idleExpiryMillis = String.valueOf(rooms.idleExpiry().toMillis());
    }

    @PostConstruct
    void start() {
        delivery.readFrom(this::history);
        moderation.listenTo(feed);
        feed.start();
    }

    @Override
    public Uni<ChatMessage> publish(Post post) {
        long timestamp = System.currentTimeMillis();
        String room = post.room();
        String channel = RoomKeys.channel(room);
        int replicas = config.ackReplicas();
        List<String> keys = List.of(RoomKeys.meta(room), RoomKeys.history(room), RoomKeys.deleted(room));
        Uni<Response> stored = replicas == 0 ? PUBLISH.run(nodes, keys, args(post, timestamp, channel, ""))
                : nodes.onConnection(channel, (connection, writer) -> PUBLISH.run(connection, keys, args(post, timestamp, channel, writer))
                        .call(done -> replicated(connection, replicas)));
        return stored
                .ifNoItem().after(config.timeout()).fail()
                .map(done -> ChatMessage.of(post, done.get(1).toLong(), timestamp))
                .onFailure().transform(Unavailable::of);
    }

    private List<String> args(Post post, long timestamp, String channel, String writer) {
        return List.of(freshEpoch(), String.valueOf(history.size()), post.room(), post.from(), post.text(),
                String.valueOf(timestamp), post.ref() == null ? "" : post.ref(), post.uid() == null ? "" : post.uid(),
                MessageTraces.traceparent(), idleExpiryMillis, delivery.pubSub().publishCommand(), channel, writer);
    }

    private Uni<Void> replicated(RedisConnection connection, int replicas) {
        return connection.send(Request.cmd(Command.WAIT).arg(replicas).arg(config.ackTimeout().toMillis()))
                .flatMap(acknowledged -> acknowledged.toInteger() >= replicas ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new IllegalStateException(
                                "only " + acknowledged + " of " + replicas + " replicas confirmed the message")));
    }

    @Override
    public Uni<History> history(String room, Long since, int limit) {
        String first = since == null ? "" : (since + 1) + "-0";
        return delivery.listenFor(room)
                .flatMap(listening -> HISTORY.run(nodes, List.of(RoomKeys.meta(room), RoomKeys.history(room),
                        RoomKeys.deleted(room)), List.of(freshEpoch(), first, String.valueOf(limit), idleExpiryMillis)))
                .ifNoItem().after(config.timeout()).fail()
                .map(found -> toHistory(room, since, found))
                .invoke(found -> delivery.joinedAt(room, found))
                .onFailure().transform(Unavailable::of);
    }

    @Override
    public Uni<Boolean> delete(String room, long seq) {
        return moderation.delete(room, seq);
    }

    @Override
    public Uni<Void> disconnectUser(String uid) {
        return moderation.disconnectUser(uid);
    }

    /** Messages of a channel event or a history entry look alike: seq, from, text, ts, ref and uid ('' for none). */
    static ChatMessage message(String room, long seq, String from, String text, String timestamp, String ref, String uid) {
        return new ChatMessage(room, seq, from, text, Long.parseLong(timestamp), orNull(ref), orNull(uid));
    }

    private static String orNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static ChatMessage message(RoomEvent event) {
        return message(event.room(), Long.parseLong(event.get("seq")), event.get("from"), event.get("text"),
                event.get("ts"), event.get("ref"), event.get("uid"));
    }

    private static History toHistory(String room, Long since, Response found) {
        String epoch = found.get(0).toString();
        long lastSeq = found.get(1).toLong();
        Set<Long> deleted = new HashSet<>();
        found.get(3).forEach(seq -> deleted.add(seq.toLong()));
        List<ChatMessage> messages = new ArrayList<>(found.get(2).size());
        for (Response entry : found.get(2)) {
            String id = entry.get(0).toString();
            Response fields = entry.get(1);
            ChatMessage message = message(room, Long.parseLong(id.substring(0, id.indexOf('-'))), field(fields, "from"),
                    field(fields, "text"), field(fields, "ts"), field(fields, "ref"), field(fields, "uid"));
            messages.add(deleted.contains(message.seq()) ? message.tombstone() : message);
        }
        Gap gap = null;
        if (since == null) {
            Collections.reverse(messages);
        } else {
            long firstRetained = messages.isEmpty() ? lastSeq + 1 : messages.get(0).seq();
            if (firstRetained > since + 1) {
                gap = Gap.evicted(room, since + 1, firstRetained - 1);
            }
        }
        return new History(messages, gap, lastSeq, epoch);
    }

    private static String field(Response pairs, String name) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            if (name.equals(pairs.get(i).toString())) {
                return pairs.get(i + 1).toString();
            }
        }
        return null;
    }

    private static String freshEpoch() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
