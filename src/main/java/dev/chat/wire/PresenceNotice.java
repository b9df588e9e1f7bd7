package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Someone joined or left a room; {@code online} counts the room's members after the change. */
@RegisterForReflection
@JsonPropertyOrder({ "type", "room", "name", "online", "timestamp" })
public record PresenceNotice(Kind type, String room, String name, int online, long timestamp) {

    public enum Kind {
        join,
        leave
    }
}
