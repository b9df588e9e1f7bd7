package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The first frame on every connection: who you are, where you are and how far the room has got. In token
 * mode {@code uid} is the token's subject and {@code exp} its expiry (seconds since the epoch), and {@code read}
 * how far the user has read in the room (absent when it never marked any, and in open mode).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "text", "room", "name", "uid", "exp", "lastSeq", "epoch", "online", "timestamp", "read" })
public record Welcome(String room, String name, String uid, Long exp, long lastSeq, String epoch, int online,
        long timestamp, Long read) implements WireEvent {

    @Override
    @JsonProperty("type")
    public String type() {
        return "welcome";
    }

    @JsonProperty("text")
    public String text() {
        return "Welcome";
    }
}
