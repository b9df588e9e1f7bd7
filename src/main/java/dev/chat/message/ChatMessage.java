package dev.chat.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message with its place in the room: {@code seq} grows by one per message in a room, and every
 * member receives messages in {@code seq} order. The same JSON goes out on every transport. {@code uid}
 * is the sender's verified subject in token mode, absent in open mode.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "room", "seq", "from", "uid", "text", "timestamp", "ref" })
public record ChatMessage(String room, long seq, String from, String text, long timestamp, String ref, String uid) {

    public ChatMessage(String room, long seq, String from, String text, long timestamp, String ref) {
        this(room, seq, from, text, timestamp, ref, null);
    }

    public static ChatMessage of(Post post, long seq, long timestamp) {
        return new ChatMessage(post.room(), seq, post.from(), post.text(), timestamp, post.ref(), post.uid());
    }

    @JsonProperty("type")
    public String type() {
        return "message";
    }
}
