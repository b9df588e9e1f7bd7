package dev.chat.backplane;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.History;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import io.smallrye.mutiny.Uni;

/** Reads a room's retained messages from Redis, for a replay, a poll, or an instance catching up. */
@ApplicationScoped
class RedisHistory {

    /**
     * KEYS: meta, history, deleted, edits, reactions. ARGV: fresh epoch, first id wanted ('' for the newest), count, idle
     * expiry in ms, '1' when read for members, history size. The stream is trimmed with {@code MAXLEN ~},
     * so it may hold up to a macro node more than the history; a read from an older position starts at the
     * history's first {@code seq}, so what lies before it stays evicted. A room first seen by a member gets
     * its epoch here too, so a welcome's epoch is the one its messages will carry; such a room, still
     * without messages, is forgotten after the idle expiry. Anyone else reading a room nobody wrote leaves no key behind: the fresh epoch
     * it is told belongs to an empty position, which no epoch can make wrong.
     * The answer ends with the deleted seqs among the entries read, then those before the first id wanted
     * (what a resumer already holds; the set keeps only the history's window), then the room's edits as
     * seq and JSON pairs (kept to the history's window by the script that writes them), then the stored
     * reactions of each entry read (false for none), then seq and reactions of every message before the first id wanted.
     */
    private static final RedisScript HISTORY = new RedisScript("""
            local epoch = redis.call('HGET', KEYS[1], 'epoch')
            if not epoch then
              epoch = ARGV[1]
              if ARGV[5] ~= '1' then
                return {epoch, 0, {}, {}}
              end
              redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5])
              redis.call('HSET', KEYS[1], 'epoch', epoch, 'seq', 0)
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
            end
            local entries
            if ARGV[2] == '' then
              entries = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', ARGV[3])
            else
              local first = ARGV[2]
              local oldest = tonumber(redis.call('HGET', KEYS[1], 'seq')) - tonumber(ARGV[6]) + 1
              if tonumber(string.match(first, '^%d+')) < oldest then
                first = oldest .. '-0'
              end
              entries = redis.call('XRANGE', KEYS[2], first, '+', 'COUNT', ARGV[3])
            end
            local deleted = {}
            if #entries > 0 then
              local a = tonumber(string.match(entries[1][1], '^%d+'))
              local b = tonumber(string.match(entries[#entries][1], '^%d+'))
              deleted = redis.call('ZRANGEBYSCORE', KEYS[3], math.min(a, b), math.max(a, b))
            end
            local deletedBefore = {}
            local reactedBefore = {}
            if ARGV[2] ~= '' then
              local first = tonumber(string.match(ARGV[2], '^%d+'))
              deletedBefore = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. first)
              local all = redis.call('HGETALL', KEYS[5])
              for i = 1, #all, 2 do
                if tonumber(all[i]) < first then
                  table.insert(reactedBefore, all[i])
                  table.insert(reactedBefore, all[i + 1])
                end
              end
            end
            local reactions = {}
            if #entries > 0 then
              local seqs = {}
              for i, entry in ipairs(entries) do
                seqs[i] = string.match(entry[1], '^%d+')
              end
              reactions = redis.call('HMGET', KEYS[5], unpack(seqs))
            end
            return {epoch, redis.call('HGET', KEYS[1], 'seq'), entries, deleted, deletedBefore, redis.call('HGETALL', KEYS[4]),
              reactions, reactedBefore}
            """);

    private final RedisNodes nodes;
    private final RedisConfig config;
    private final String idleExpiryMillis;
    private final int size;

    RedisHistory(RedisNodes nodes, RedisConfig config, RoomsConfig rooms, HistoryConfig history) {
        this.nodes = nodes;
        this.config = config;
        this.idleExpiryMillis = String.valueOf(rooms.idleExpiry().toMillis());
        this.size = history.size();
    }

    /** As {@link Backplane#history}; only a read for members stores the epoch of a room nobody wrote. */
    Uni<History> read(String room, Long since, int limit, boolean forMembers) {
        String first = since == null ? "" : (since + 1) + "-0";
        return HISTORY.run(nodes, List.of(RoomKeys.meta(room), RoomKeys.history(room), RoomKeys.deleted(room),
                        RoomKeys.edits(room), RoomKeys.reactions(room)),
                        List.of(freshEpoch(), first, String.valueOf(Math.min(limit, size)), idleExpiryMillis,
                                forMembers ? "1" : "", String.valueOf(size)))
                .ifNoItem().after(config.timeout()).fail()
                .map(found -> RedisMessages.history(room, since, found))
                .onFailure().transform(Unavailable::of);
    }

    /** The epoch a room gets when its meta is missing: new, or lost with its server. */
    static String freshEpoch() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
