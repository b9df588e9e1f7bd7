package dev.chat.backplane;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.FanOut;
import dev.chat.fanout.LocalMembers;
import dev.chat.message.Edit;
import dev.chat.message.Editor;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomEvent;
import dev.chat.redis.RoomKeys;
import dev.chat.redis.Unavailable;
import io.smallrye.mutiny.Uni;

/**
 * Edits through Redis to every instance. A message's stream entry never changes: its new text goes into the
 * room's {@code chat:room:{room}:edits} hash (seq to JSON {@code {text, edited}}, kept to the history's window,
 * expiring with the room), which history reads lay over the entries, and an {@code edit} event goes on the
 * room's channel in the same script, to the instances holding its members.
 */
@ApplicationScoped
class RedisEdits {

    static final String EDIT = "edit";

    /**
     * KEYS: meta, history, deleted, edits. ARGV: seq, text, edited, oldest timestamp editable, '1' when the
     * editor may edit any message, the editor's uid ('' for none), history size, publish command, channel.
     * Answers 'ok' or why not, having changed nothing.
     */
    private static final RedisScript EDIT_MESSAGE = new RedisScript("""
            local last = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
            local seq = tonumber(ARGV[1])
            -- The stream is trimmed approximately: what lies before the history's window is gone, whatever it still holds.
            if seq < 1 or seq > last or seq <= last - tonumber(ARGV[7]) then
              return 'not_found'
            end
            local entry = redis.call('XRANGE', KEYS[2], seq .. '-0', seq .. '-0')
            if #entry == 0 then
              return 'not_found'
            end
            if redis.call('ZSCORE', KEYS[3], seq) then
              return 'deleted'
            end
            local ts, uid = 0, ''
            local fields = entry[1][2]
            for i = 1, #fields, 2 do
              if fields[i] == 'ts' then ts = tonumber(fields[i + 1]) end
              if fields[i] == 'uid' then uid = fields[i + 1] end
            end
            if ARGV[5] ~= '1' and (ARGV[6] == '' or ARGV[6] ~= uid) then
              return 'forbidden'
            end
            if ts < tonumber(ARGV[4]) then
              return 'too_old'
            end
            redis.call('HSET', KEYS[4], seq, cjson.encode({text = ARGV[2], edited = ARGV[3]}))
            local size = tonumber(ARGV[7])
            if redis.call('HLEN', KEYS[4]) > size then
              for _, kept in ipairs(redis.call('HKEYS', KEYS[4])) do
                if tonumber(kept) <= last - size then
                  redis.call('HDEL', KEYS[4], kept)
                end
              end
            end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl > 0 then
              redis.call('PEXPIRE', KEYS[4], ttl)
            end
            redis.call(ARGV[8], ARGV[9], cjson.encode({kind = 'edit', seq = ARGV[1], text = ARGV[2], edited = ARGV[3]}))
            return 'ok'
            """);

    private final RedisNodes nodes;
    private final RoomChannels channels;
    private final FanOut fanOut;
    private final LocalMembers members;
    private final RedisConfig config;
    private final HistoryConfig history;

    RedisEdits(RedisNodes nodes, RoomChannels channels, FanOut fanOut, LocalMembers members, RedisConfig config,
            HistoryConfig history) {
        this.nodes = nodes;
        this.channels = channels;
        this.fanOut = fanOut;
        this.members = members;
        this.config = config;
        this.history = history;
    }

    void listen() {
        channels.on(EDIT, this::onEdit);
    }

    Uni<Edit> edit(Edit edit, Editor editor, long notBefore) {
        String room = edit.room();
        return EDIT_MESSAGE.run(nodes, List.of(RoomKeys.meta(room), RoomKeys.history(room), RoomKeys.deleted(room), RoomKeys.edits(room)),
                List.of(String.valueOf(edit.seq()), edit.text(), String.valueOf(edit.edited()), String.valueOf(notBefore),
                        editor.mayEditAny() ? "1" : "", editor.uid() == null ? "" : editor.uid(),
                        String.valueOf(history.size()), channels.pubSub().publishCommand(), RoomKeys.channel(room)))
                .ifNoItem().after(config.timeout()).fail()
                .onFailure().transform(Unavailable::of)
                .map(answer -> {
                    String outcome = answer.toString();
                    if (!"ok".equals(outcome)) {
                        throw EditRefusals.of(outcome, edit);
                    }
                    return edit;
                });
    }

    private Uni<Void> onEdit(RoomEvent event) {
        String room = event.room();
        if (!members.of(room).isEmpty()) {
            fanOut.edited(new Edit(room, Long.parseLong(event.get("seq")), event.get("text"), Long.parseLong(event.get("edited"))));
        }
        return Uni.createFrom().voidItem();
    }
}
