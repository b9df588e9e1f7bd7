package dev.chat.backplane;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Gap;
import dev.chat.message.History;
import dev.chat.redis.RoomEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Response;

/** Reads messages back from what Redis holds: a room channel's event, or the HISTORY script's answer. */
final class RedisMessages {

    /** The {@code kind} of a room channel's message events. */
    static final String KIND = "message";

    private RedisMessages() {
    }

    /** Messages of a channel event or a history entry look alike: seq, from, text, ts, ref and uid ('' for none). */
    private static ChatMessage message(String room, long seq, String from, String text, String timestamp, String ref, String uid) {
        return new ChatMessage(room, seq, from, text, Long.parseLong(timestamp), orNull(ref), orNull(uid));
    }

    private static String orNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static ChatMessage message(RoomEvent event) {
        return message(event.room(), Long.parseLong(event.get("seq")), event.get("from"), event.get("text"),
                event.get("ts"), event.get("ref"), event.get("uid"));
    }

    /** A HISTORY script answer: epoch, last seq, entries and the deleted seqs among them, then what was reacted to. */
    static History history(String room, Long since, Response found) {
        String epoch = found.get(0).toString();
        long lastSeq = found.get(1).toLong();
        Set<Long> deleted = new HashSet<>();
        found.get(3).forEach(seq -> deleted.add(seq.toLong()));
        TreeMap<Long, Edit> edits = found.size() > 5 ? edits(room, found.get(5)) : new TreeMap<>();
        List<ChatMessage> messages = new ArrayList<>(found.get(2).size());
        Response reactions = found.size() > 6 ? found.get(6) : null;
        for (Response entry : found.get(2)) {
            String id = entry.get(0).toString();
            Response fields = entry.get(1);
            ChatMessage message = message(room, Long.parseLong(id.substring(0, id.indexOf('-'))), field(fields, "from"),
                    field(fields, "text"), field(fields, "ts"), field(fields, "ref"), field(fields, "uid"));
            Edit edit = edits.get(message.seq());
            Response reacted = reactions == null ? null : reactions.get(messages.size());
            ChatMessage current = (edit == null ? message : message.edited(edit))
                    .withReactions(ReactionCounts.parse(reacted == null ? null : reacted.toString()));
            messages.add(deleted.contains(message.seq()) ? message.tombstone() : current);
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
        List<Long> deletedBefore = new ArrayList<>(0);
        if (found.size() > 4) {
            found.get(4).forEach(seq -> deletedBefore.add(seq.toLong()));
        }
        List<Edit> editedBefore = new ArrayList<>(0);
        if (since != null) {
            edits.headMap(since, true).values().stream().filter(edit -> !deletedBefore.contains(edit.seq()))
                    .forEach(editedBefore::add);
        }
        Map<Long, Map<String, Integer>> reactedBefore = new TreeMap<>();
        if (found.size() > 7) {
            Response pairs = found.get(7);
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                reactedBefore.put(pairs.get(i).toLong(), ReactionCounts.parse(pairs.get(i + 1).toString()));
            }
        }
        return new History(messages, gap, lastSeq, epoch, deletedBefore, editedBefore, reactedBefore);
    }

    /** The room's edits hash, seq and JSON {@code {text, edited}} pairs, by seq. */
    private static TreeMap<Long, Edit> edits(String room, Response pairs) {
        TreeMap<Long, Edit> edits = new TreeMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            long seq = pairs.get(i).toLong();
            JsonObject edit = new JsonObject(pairs.get(i + 1).toString());
            edits.put(seq, new Edit(room, seq, edit.getString("text"), Long.parseLong(edit.getString("edited"))));
        }
        return edits;
    }

    private static String field(Response pairs, String name) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            if (name.equals(pairs.get(i).toString())) {
                return pairs.get(i + 1).toString();
            }
        }
        return null;
    }
}
