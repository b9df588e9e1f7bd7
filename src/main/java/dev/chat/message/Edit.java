package dev.chat.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Message {@code seq} of the room now reads {@code text}, since {@code edited} (milliseconds since the
 * epoch). Every member receives it as an {@code edit} event; a poll lists those of messages the reader holds.
 */
@RegisterForReflection
@JsonPropertyOrder({ "type", "room", "seq", "text", "edited" })
public record Edit(String room, long seq, String text, long edited) {

    public static final String TYPE = "edit";

    @JsonProperty("type")
    public String type() {
        return TYPE;
    }
}
