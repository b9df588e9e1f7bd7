package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to an accepted in-band refresh: the connection now lives until {@code exp}. */
@RegisterForReflection
@JsonPropertyOrder({ "type", "exp" })
public record Refreshed(long exp) implements WireEvent {

    @Override
    @JsonProperty("type")
    public String type() {
        return "refreshed";
    }
}
