package dev.chat.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A recoverable error: the connection stays open. {@code ref} names the message it answers, if known;
 * {@code reason} is the application's own words when its publish hook refused the message.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "code", "text", "reason", "ref" })
public record ErrorNotice(String code, String text, String reason, String ref) implements WireEvent {

    public ErrorNotice(String code, String text, String ref) {
        this(code, text, null, ref);
    }

    @Override
    @JsonProperty("type")
    public String type() {
        return "error";
    }
}
