package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A recoverable error: the connection stays open. {@code ref} names the message it answers, if known. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "code", "text", "ref" })
public record ErrorNotice(String code, String text, String ref) implements WireEvent {

    @Override
    @JsonProperty("type")
    public String type() {
        return "error";
    }
}
