package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Someone in the room is typing. Not stored and without {@code seq}; {@code uid} only in token mode. The
 * members under the typer's own name (open mode) or uid (token mode) are not told.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "room", "name", "uid" })
public record TypingNotice(String room, String name, String uid) implements WireEvent {

    @Override
    @JsonProperty("type")
    public String type() {
        return "typing";
    }

    /** Whether a member under this name and uid is the typer, or another device of the same user. */
    public boolean isFrom(String memberName, String memberUid) {
        return uid != null ? uid.equals(memberUid) : name.equals(memberName);
    }
}
