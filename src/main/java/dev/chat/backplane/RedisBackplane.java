package dev.chat.backplane;

import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.hooks.HookEvents;
import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Editor;
import dev.chat.message.History;
import dev.chat.backplane.HistoryConfig;
import dev.chat.message.Post;
import dev.chat.message.Reaction;
import dev.chat.backplane.RoomsConfig;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisFeed;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import dev.chat.trace.MessageTraces;
import io.quarkus.arc.ClientProxy;
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
 * the instances that hold members of the room listen to that channel ({@link RedisReceiver});
 * history is read by {@link RedisHistory}. A room
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

    /**
     * KEYS: meta, history, deleted, events, read marks, edits, reactions. ARGV: fresh epoch, history size, room,
     * from, text, timestamp, ref,
     * uid, the send span's traceparent ('' for none; only the channel carries it), idle expiry in ms
     * (every write pushes the room's expiry back), the publish command, the channel, the writing master's
     * replication id ('' when not checked), '1' when the events endpoint is to hear of it. Returns the
     * epoch and the seq. The message's event is written in the same step, so events follow seq order
     * and none is lost between the store and the outbox.
     */
    private static final RedisScript PUBLISH = new RedisScript("""
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then
              epoch = ARGV[1]
              redis.call('DEL', KEYS[2], KEYS[3], KEYS[5], KEYS[6], KEYS[7])
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
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0',
              'from', ARGV[4], 'text', ARGV[5], 'ts', ARGV[6], 'ref', ARGV[7], 'uid', ARGV[8])
            redis.call('PEXPIRE', KEYS[1], ARGV[10])
            redis.call('PEXPIRE', KEYS[2], ARGV[10])
            redis.call('PEXPIRE', KEYS[3], ARGV[10])
            redis.call('PEXPIRE', KEYS[5], ARGV[10])
            redis.call('PEXPIRE', KEYS[6], ARGV[10])
            redis.call('PEXPIRE', KEYS[7], ARGV[10])
            redis.call(ARGV[11], ARGV[12], cjson.encode({kind = 'message', epoch = epoch, seq = tostring(seq),
              from = ARGV[4], text = ARGV[5], ts = ARGV[6], ref = ARGV[7], uid = ARGV[8], trace = ARGV[9]}))
            if ARGV[14] ~= '' then
              redis.call('XADD', KEYS[4], '*', 'seq', seq, 'epoch', epoch, 'from', ARGV[4], 'text', ARGV[5],
                'ts', ARGV[6], 'uid', ARGV[8])
            end
            return {epoch, seq}
            """);

    private final RedisNodes nodes;
    private final RedisFeed feed;
    private final RedisReceiver receiver;
    private final RedisConfig config;
    private final HistoryConfig history;
    private final RedisModeration moderation;
    private final RedisEdits edits;
    private final String idleExpiryMillis;
    private final HookEvents events;
    private final RedisReactions reactions;

    RedisBackplane(RedisNodes nodes, RedisFeed feed, RedisReceiver receiver, RedisConfig config, HistoryConfig history,
            RoomsConfig rooms, RedisModeration moderation, RedisEdits edits, HookEvents events, RedisReactions reactions) {
        this.edits = edits;
        this.events = events;
        this.reactions = reactions;
        this.nodes = nodes;
        this.feed = feed;
        this.receiver = receiver;
        this.config = config;
        this.history = history;
        this.moderation = moderation;
        this.idleExpiryMillis = String.valueOf(rooms.idleExpiry().toMillis());
    }

    @PostConstruct
    void start() {
        moderation.listenTo(feed);
        edits.listen();
        reactions.listen();
        feed.start();
        // Created now rather than at the first read: its meter is on /q/metrics from startup, and it hears
        // every room's first member.
        ClientProxy.unwrap(receiver);
    }

    @Override
    public Uni<ChatMessage> publish(Post post) {
        long timestamp = System.currentTimeMillis();
        String room = post.room();
        String channel = RoomKeys.channel(room);
        int replicas = config.ackReplicas();
        List<String> keys = List.of(RoomKeys.meta(room), RoomKeys.history(room), RoomKeys.deleted(room),
                RoomKeys.events(room), RoomKeys.read(room), RoomKeys.edits(room), RoomKeys.reactions(room));
        Uni<Response> stored = replicas == 0 ? PUBLISH.run(nodes, keys, args(post, timestamp, channel, ""))
                : nodes.onConnection(channel, (connection, writer) -> PUBLISH.run(connection, keys, args(post, timestamp, channel, writer))
                        .call(done -> replicated(connection, replicas)));
        return events.expectIn(room).flatMap(expected -> stored)
                .ifNoItem().after(config.timeout()).fail()
                .map(done -> ChatMessage.of(post, done.get(1).toLong(), timestamp))
                .invoke(message -> events.storedIn(room))
                .onFailure().transform(Unavailable::of);
    }

    private List<String> args(Post post, long timestamp, String channel, String writer) {
        return List.of(RedisHistory.freshEpoch(), String.valueOf(history.size()), post.room(), post.from(), post.text(),
                String.valueOf(timestamp), post.ref() == null ? "" : post.ref(), post.uid() == null ? "" : post.uid(),
                MessageTraces.traceparent(), idleExpiryMillis, receiver.pubSub().publishCommand(), channel, writer,
                events.isOn() ? "1" : "");
    }

    private Uni<Void> replicated(RedisConnection connection, int replicas) {
        return connection.send(Request.cmd(Command.WAIT).arg(replicas).arg(config.ackTimeout().toMillis()))
                .flatMap(acknowledged -> acknowledged.toInteger() >= replicas ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new IllegalStateException(
                                "only " + acknowledged + " of " + replicas + " replicas confirmed the message")));
    }

    @Override
    public Uni<History> history(String room, Long since, int limit) {
        return receiver.readAndFollow(room, since, limit);
    }

    @Override
    public Uni<Boolean> delete(String room, long seq) {
        return moderation.delete(room, seq).invoke(deleted -> {
            if (deleted) {
                events.deleted(room, seq);
            }
        });
    }

    @Override
    public Uni<Edit> edit(Edit edit, Editor editor, long notBefore) {
        return edits.edit(edit, editor, notBefore);
    }

    @Override
    public Uni<Map<String, Integer>> react(Reaction reaction, int maxEmoji) {
        return reactions.toggle(reaction, maxEmoji);
    }

    @Override
    public Uni<Void> disconnectUser(String uid) {
        return moderation.disconnectUser(uid);
    }

}
