package dev.chat.backplane;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.FanOut;
import dev.chat.fanout.LocalMembers;
import dev.chat.redis.FeedEntry;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisFeed;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomEvent;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import dev.chat.backplane.HistoryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * A moderator's acts, through Redis to every instance. A deleted message's {@code seq} goes into the
 * room's {@code chat:room:{room}:deleted} sorted set (trimmed to the history's window), which history
 * reads turn into tombstones, and a {@code delete} event goes on the room's channel in the same script,
 * to the instances holding its members. A user disconnect concerns every room, so it is a
 * {@code disconnect} entry on the control feed, which every instance reads.
 */
@ApplicationScoped
class RedisModeration {

    static final String DELETE = "delete";
    static final String DISCONNECT = "disconnect";

    /**
     * KEYS: meta, deleted, reactions. ARGV: room, seq, history size, publish command, channel. The deleted set
     * expires with the room; the message's reactions go with it.
     */
    private static final RedisScript DELETE_MESSAGE = new RedisScript("""
            local last = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
            local seq = tonumber(ARGV[2])
            if seq < 1 or seq > last then
              return 0
            end
            redis.call('ZADD', KEYS[2], seq, seq)
            redis.call('HDEL', KEYS[3], ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (last - tonumber(ARGV[3]) + 1))
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl > 0 then
              redis.call('PEXPIRE', KEYS[2], ttl)
            end
            redis.call(ARGV[4], ARGV[5], cjson.encode({kind = 'delete', seq = ARGV[2]}))
            return 1
            """);

    private final RedisNodes nodes;
    private final RoomChannels channels;
    private final FanOut fanOut;
    private final LocalMembers members;
    private final RedisConfig config;
    private final HistoryConfig history;

    RedisModeration(RedisNodes nodes, RoomChannels channels, FanOut fanOut, LocalMembers members, RedisConfig config,
            HistoryConfig history) {
        this.nodes = nodes;
        this.channels = channels;
        this.fanOut = fanOut;
        this.members = members;
        this.config = config;
        this.history = history;
    }

    void listenTo(RedisFeed feed) {
        channels.on(DELETE, this::onDelete);
        feed.on(DISCONNECT, this::onDisconnect);
    }

    Uni<Boolean> delete(String room, long seq) {
        return DELETE_MESSAGE.run(nodes, List.of(RoomKeys.meta(room), RoomKeys.deleted(room), RoomKeys.reactions(room)),
                List.of(room, String.valueOf(seq), String.valueOf(history.size()), channels.pubSub().publishCommand(),
                        RoomKeys.channel(room)))
                .ifNoItem().after(config.timeout()).fail()
                .map(done -> done.toInteger() == 1)
                .onFailure().transform(Unavailable::of);
    }

    Uni<Void> disconnectUser(String uid) {
        return nodes.send(RedisFeed.KEY, Request.cmd(Command.XADD).arg(RedisFeed.KEY).arg("MAXLEN").arg("~").arg(config.feedSize())
                .arg("*").arg("kind").arg(DISCONNECT).arg("uid").arg(uid))
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().transform(Unavailable::of)
                .replaceWithVoid();
    }

    private Uni<Void> onDelete(RoomEvent event) {
        String room = event.room();
        if (!members.of(room).isEmpty()) {
            fanOut.deleted(room, Long.parseLong(event.get("seq")));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> onDisconnect(FeedEntry entry) {
        fanOut.disconnectUser(entry.get("uid"));
        return Uni.createFrom().voidItem();
    }
}
