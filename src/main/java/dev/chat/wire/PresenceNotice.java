package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Someone joined or left a room; {@code online} counts the room's members after the change. */
@RegisterForReflection
@JsonPropertyOrder({ "type", "room", "name", "online", "timestamp" })
public record PresenceNotice(String type, String room, String name, int online, long timestamp) implements WireEvent {

    public static PresenceNotice joined(String room, String name, int online) {
        return new PresenceNotice("join", room, name, online, System.currentTimeMillis());
    }

    public static PresenceNotice left(String room, String name, int online) {
        return new PresenceNotice("leave", room, name, online, System.currentTimeMillis());
    }
}
