package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A moderator deleted message {@code seq} of the room: members drop it; history keeps a tombstone. */
@RegisterForReflection
@JsonPropertyOrder({ "type", "room", "seq" })
public record Deletion(String room, long seq) implements WireEvent {

    public static final String TYPE = "delete";

    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }
}
