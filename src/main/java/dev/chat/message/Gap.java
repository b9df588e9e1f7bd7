package dev.chat.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Messages {@code from}..{@code to} (inclusive) are no longer retained. {@code reset} says the client's
 * position belongs to an earlier history of the room (its store was lost), so the client must forget the
 * {@code seq} it had: what follows starts the room's current history.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "room", "from", "to", "reset" })
public record Gap(String room, Long from, Long to, Boolean reset) {

    public static Gap evicted(String room, long from, long to) {
        return new Gap(room, from, to, null);
    }

    public Gap asReset() {
        return new Gap(room, from, to, Boolean.TRUE);
    }

    public static Gap reset(String room) {
        return new Gap(room, null, null, Boolean.TRUE);
    }

    @JsonProperty("type")
    public String type() {
        return "gap";
    }
}
