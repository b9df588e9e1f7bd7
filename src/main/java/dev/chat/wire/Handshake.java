package dev.chat.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A WebSocket's opening handshake as the service read it and answered it: the upgrade request's line and
 * headers, and the 101's status line and headers, {@code Sec-WebSocket-Accept} among them. Sent only to a
 * client that asked for it with {@code wire=1}, as the first frame, so a browser page can show what its
 * network tab would.
 */
@RegisterForReflection
@JsonPropertyOrder({ "type", "request", "response" })
public record Handshake(Head request, Head response) implements WireEvent {

    @Override
    @JsonProperty("type")
    public String type() {
        return "handshake";
    }

    /** A request or status line and its headers, in the order they were sent. */
    @RegisterForReflection
    @JsonPropertyOrder({ "line", "headers" })
    public record Head(String line, List<Header> headers) {
    }

    @RegisterForReflection
    @JsonPropertyOrder({ "name", "value" })
    public record Header(String name, String value) {
    }
}
