package dev.chat.unread;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.fanout.FanOut;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomEvent;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import dev.chat.wire.ReadNotice;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * Marks in the room's hash {@code chat:room:{room}:read} (uid to seq), on the room's node. One script
 * checks the room's last seq, moves the mark and publishes a {@code read} event on the room's channel, so
 * store and tell are one step; the instances holding the user's connections in the room deliver it. The
 * hash expires with the room (its expiry follows the room's meta here and at every message) and is
 * emptied when the room starts over. Memory: one field per user who marked in the room.
 */
@ApplicationScoped
@Typed(RedisReadMarks.class)
public class RedisReadMarks implements ReadMarks {

    static final String KIND = "read";

    /** KEYS: meta, read. ARGV: uid, seq, publish command, channel. Returns the mark held, or -1 and the last seq. */
    private static final RedisScript MARK = new RedisScript("""
            local last = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
            local seq = tonumber(ARGV[2])
            if seq > last then
              return {-1, last}
            end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl == -2 then
              return {0}
            end
            local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '-1')
            if seq <= held then
              return {held}
            end
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            if ttl > 0 then
              redis.call('PEXPIRE', KEYS[2], ttl)
            end
            redis.call(ARGV[3], ARGV[4], cjson.encode({kind = 'read', uid = ARGV[1], seq = ARGV[2]}))
            return {seq}
            """);

    private final RedisNodes nodes;
    private final RoomChannels channels;
    private final FanOut fanOut;
    private final RedisConfig config;

    RedisReadMarks(RedisNodes nodes, RoomChannels channels, FanOut fanOut, RedisConfig config) {
        this.nodes = nodes;
        this.channels = channels;
        this.fanOut = fanOut;
        this.config = config;
    }

    @PostConstruct
    void start() {
        channels.on(KIND, this::arrived);
    }

    @Override
    public Uni<Long> mark(String room, String uid, long seq) {
        return MARK.run(nodes, List.of(RoomKeys.meta(room), RoomKeys.read(room)),
                List.of(uid, Long.toString(seq), channels.pubSub().publishCommand(), RoomKeys.channel(room)))
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().transform(Unavailable::of)
                .map(answer -> {
                    long held = answer.get(0).toLong();
                    if (held < 0) {
                        throw new PastTheEnd(seq, answer.get(1).toLong());
                    }
                    return held;
                });
    }

    @Override
    public Uni<Long> markOf(String room, String uid) {
        String key = RoomKeys.read(room);
        return nodes.send(key, Request.cmd(Command.HGET).arg(key).arg(uid))
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().transform(Unavailable::of)
                .map(held -> held == null ? null : held.toLong());
    }

    private Uni<Void> arrived(RoomEvent event) {
        String uid = event.get("uid");
        String seq = event.get("seq");
        if (uid != null && seq != null) {
            fanOut.localRead(uid, new ReadNotice(event.room(), Long.parseLong(seq)));
        }
        return Uni.createFrom().voidItem();
    }
}
