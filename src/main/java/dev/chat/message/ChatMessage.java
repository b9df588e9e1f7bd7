package dev.chat.message;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message with its place in the room: {@code seq} grows by one per message in a room, and every
 * member receives messages in {@code seq} order. The same JSON goes out on every transport. {@code uid}
 * is the sender's verified subject in token mode, absent in open mode. A message a moderator deleted
 * stays in history as a tombstone: {@code deleted} true and no text, so its place in the order remains.
 * {@code edited} is when its author (or a moderator) last changed its text, absent when never.
 * {@code reactions} counts the people who reacted, per emoji in the order each was first used; absent when none.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "room", "seq", "from", "uid", "text", "timestamp", "ref", "deleted", "edited", "reactions" })
public record ChatMessage(String room, long seq, String from, String text, long timestamp, String ref, String uid,
        Boolean deleted, Long edited, Map<String, Integer> reactions) {

    public ChatMessage(String room, long seq, String from, String text, long timestamp, String ref, String uid,
            Boolean deleted) {
        this(room, seq, from, text, timestamp, ref, uid, deleted, null, null);
    }

    public ChatMessage(String room, long seq, String from, String text, long timestamp, String ref) {
        this(room, seq, from, text, timestamp, ref, null, null);
    }

    public ChatMessage(String room, long seq, String from, String text, long timestamp, String ref, String uid) {
        this(room, seq, from, text, timestamp, ref, uid, null);
    }

    public static ChatMessage of(Post post, long seq, long timestamp) {
        return new ChatMessage(post.room(), seq, post.from(), post.text(), timestamp, post.ref(), post.uid());
    }

    /** What history keeps of the message once a moderator deleted it. */
    public ChatMessage tombstone() {
        return new ChatMessage(room, seq, from, null, timestamp, null, uid, Boolean.TRUE);
    }

    /** The message as history keeps it after the edit. */
    public ChatMessage edited(Edit edit) {
        return new ChatMessage(room, seq, from, edit.text(), timestamp, ref, uid, deleted, edit.edited(), reactions);
    }

    /** The same message with these counts; none (null or empty) leaves the field absent. */
    public ChatMessage withReactions(Map<String, Integer> counts) {
        return new ChatMessage(room, seq, from, text, timestamp, ref, uid, deleted, edited,
                counts == null || counts.isEmpty() ? null : counts);
    }

    @JsonProperty("type")
    public String type() {
        return "message";
    }
}
