package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Someone joined or left a room; {@code online} counts the room's people after the change. In token mode
 * a person is a verified user, named by {@code uid}; in open mode, a name, and {@code uid} is absent.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "room", "name", "uid", "online", "timestamp" })
public record PresenceNotice(String type, String room, String name, String uid, int online, long timestamp) implements WireEvent {

    public static PresenceNotice joined(String room, String name, String uid, int online) {
        return new PresenceNotice("join", room, name, uid, online, System.currentTimeMillis());
    }

    public static PresenceNotice left(String room, String name, String uid, int online) {
        return new PresenceNotice("leave", room, name, uid, online, System.currentTimeMillis());
    }

    /** Whether a member under this name and uid is the one who came or went: it knows already. */
    public boolean isAbout(String memberName, String memberUid) {
        return uid != null ? uid.equals(memberUid) : name.equals(memberName);
    }
}
