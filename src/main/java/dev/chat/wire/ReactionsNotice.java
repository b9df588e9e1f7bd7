package dev.chat.wire;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Message {@code seq} of the room now has these reaction counts, per emoji in first-used order: the whole
 * set after a toggle, so a member replaces what it held; an empty object when none is left.
 */
@RegisterForReflection
@JsonPropertyOrder({ "type", "room", "seq", "reactions" })
public record ReactionsNotice(String room, long seq, Map<String, Integer> reactions) implements WireEvent {

    public static final String TYPE = "reactions";

    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }
}
