package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How far a user has read in a room (token mode). Sent only to that user's own connections in the room,
 * on every instance; nobody else ever sees anyone's mark.
 */
@RegisterForReflection
@JsonPropertyOrder({ "type", "room", "seq" })
public record ReadNotice(String room, long seq) implements WireEvent {

    @Override
    @JsonProperty("type")
    public String type() {
        return "read";
    }
}
