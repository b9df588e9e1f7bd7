package dev.chat.backplane;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.FanOut;
import dev.chat.fanout.LocalMembers;
import dev.chat.message.Reaction;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomEvent;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reactions through Redis. Who reacted with what lives in the room's {@code chat:room:{room}:reactions} hash,
 * one field per message (seq) holding {@code [[emoji, [person, ...]], ...]}; the toggle script changes it and
 * publishes a {@code reactions} event with the counts on the room's channel in the same step. Once the hash
 * holds more fields than {@code chat.history.size}, the fields of messages that left the history's window go,
 * so it holds at most that many (plus the one just written) of at most {@code chat.reactions.max-emoji}
 * emoji each; scanning only then keeps a toggle O(1) in the hash's size. It expires with the room; a deletion
 * removes the message's field; history reads turn it into counts ({@link RedisHistory}).
 */
@ApplicationScoped
class RedisReactions {

    static final String KIND = "reactions";

    /**
     * KEYS: meta, history, deleted, reactions. ARGV: seq, person, emoji, max emoji, history size, publish
     * command, channel. Answers {1, counts}, {0} when there is no such message, {2} for one emoji too many.
     */
    private static final RedisScript TOGGLE = new RedisScript("""
            local last = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
            local seq = tonumber(ARGV[1])
            -- The stream is trimmed approximately: what lies before the history's window is gone, whatever it still holds.
            if not seq or seq < 1 or seq > last or seq <= last - tonumber(ARGV[5]) then
              return {0}
            end
            local id = ARGV[1] .. '-0'
            if #redis.call('XRANGE', KEYS[2], id, id) == 0 or redis.call('ZSCORE', KEYS[3], ARGV[1]) then
              return {0}
            end
            local raw = redis.call('HGET', KEYS[4], ARGV[1])
            local reacted = {}
            if raw and raw ~= '[]' then
              reacted = cjson.decode(raw)
            end
            local at = nil
            for i, pair in ipairs(reacted) do
              if pair[1] == ARGV[3] then
                at = i
                break
              end
            end
            if not at then
              if #reacted >= tonumber(ARGV[4]) then
                return {2}
              end
              table.insert(reacted, {ARGV[3], {ARGV[2]}})
            else
              local people = reacted[at][2]
              local mine = nil
              for i, person in ipairs(people) do
                if person == ARGV[2] then
                  mine = i
                  break
                end
              end
              if mine then
                table.remove(people, mine)
              else
                table.insert(people, ARGV[2])
              end
              if #people == 0 then
                table.remove(reacted, at)
              end
            end
            local counts = {}
            for i, pair in ipairs(reacted) do
              counts[i] = {pair[1], #pair[2]}
            end
            local stored, told = '[]', '[]'
            if #reacted > 0 then
              stored, told = cjson.encode(reacted), cjson.encode(counts)
            end
            redis.call('HSET', KEYS[4], ARGV[1], stored)
            if redis.call('HLEN', KEYS[4]) > tonumber(ARGV[5]) then
              local oldest = last - tonumber(ARGV[5]) + 1
              for _, field in ipairs(redis.call('HKEYS', KEYS[4])) do
                if tonumber(field) < oldest then
                  redis.call('HDEL', KEYS[4], field)
                end
              end
            end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl > 0 then
              redis.call('PEXPIRE', KEYS[4], ttl)
            end
            redis.call(ARGV[6], ARGV[7], cjson.encode({kind = 'reactions', seq = ARGV[1], counts = told}))
            return {1, told}
            """);

    private final RedisNodes nodes;
    private final RoomChannels channels;
    private final FanOut fanOut;
    private final LocalMembers members;
    private final RedisConfig config;
    private final HistoryConfig history;

    RedisReactions(RedisNodes nodes, RoomChannels channels, FanOut fanOut, LocalMembers members, RedisConfig config,
            HistoryConfig history) {
        this.nodes = nodes;
        this.channels = channels;
        this.fanOut = fanOut;
        this.members = members;
        this.config = config;
        this.history = history;
    }

    void listen() {
        channels.on(KIND, this::onReactions);
    }

    Uni<Map<String, Integer>> toggle(Reaction reaction, int maxEmoji) {
        String room = reaction.room();
        return TOGGLE.run(nodes, List.of(RoomKeys.meta(room), RoomKeys.history(room), RoomKeys.deleted(room),
                        RoomKeys.reactions(room)),
                List.of(String.valueOf(reaction.seq()), reaction.person(), reaction.emoji(), String.valueOf(maxEmoji),
                        String.valueOf(history.size()), channels.pubSub().publishCommand(), RoomKeys.channel(room)))
                .ifNoItem().after(config.timeout()).fail()
                .map(done -> counts(reaction, maxEmoji, done))
                .onFailure().transform(Unavailable::of);
    }

    private static Map<String, Integer> counts(Reaction reaction, int maxEmoji, Response done) {
        return switch (done.get(0).toInteger()) {
            case 1 -> ReactionCounts.parse(done.get(1).toString());
            case 2 -> throw new RejectedException(Rejection.BAD_REQUEST, "a message takes at most " + maxEmoji + " different emoji");
            default -> throw new RejectedException(Rejection.NOT_FOUND,
                    "no message " + reaction.seq() + " to react to in " + reaction.room());
        };
    }

    private Uni<Void> onReactions(RoomEvent event) {
        String room = event.room();
        if (!members.of(room).isEmpty()) {
            fanOut.reactions(room, Long.parseLong(event.get("seq")), ReactionCounts.parse(event.get("counts")));
        }
        return Uni.createFrom().voidItem();
    }
}
