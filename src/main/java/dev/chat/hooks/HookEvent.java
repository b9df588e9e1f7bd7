package dev.chat.hooks;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.chat.message.ChatMessage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One thing that happened in a room, as the events endpoint receives it. {@code id} is made once, when
 * the event is, and stays the same on every retry, so the receiver can drop what it has seen.
 * {@code timestamp} is when it happened, in milliseconds since the epoch. {@code seq} names the message
 * (message, edit, delete); {@code name} the member (join, leave).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "type", "room", "seq", "from", "uid", "name", "text", "timestamp" })
public record HookEvent(String id, String type, String room, Long seq, String from, String uid, String name,
        String text, long timestamp) {

    public static HookEvent message(ChatMessage message) {
        return new HookEvent(newId(), "message", message.room(), message.seq(), message.from(), message.uid(), null,
                message.text(), message.timestamp());
    }

    public static HookEvent edit(String room, long seq, String text) {
        return new HookEvent(newId(), "edit", room, seq, null, null, null, text, System.currentTimeMillis());
    }

    public static HookEvent delete(String room, long seq) {
        return new HookEvent(newId(), "delete", room, seq, null, null, null, null, System.currentTimeMillis());
    }

    public static HookEvent join(String room, String name) {
        return new HookEvent(newId(), "join", room, null, null, null, name, null, System.currentTimeMillis());
    }

    public static HookEvent leave(String room, String name) {
        return new HookEvent(newId(), "leave", room, null, null, null, name, null, System.currentTimeMillis());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
