package dev.chat.transport.websocket.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A text frame from a client: a JSON object {@code {"text": ..., "ref": ...}}, or, when the frame is not
 * a JSON object, the chat text itself (so {@code ws.send('Hello')} from a console works).
 * {@code text} is null when the object has no usable text. {@code {"type": "refresh", "token": ...}} offers
 * a fresh token instead: then {@code refreshToken} is not null (empty when the token is missing).
 */
public record InboundText(String text, String ref, String refreshToken) {

    InboundText(String text, String ref) {
        this(text, ref, null);
    }

    public boolean isRefresh() {
        return refreshToken != null;
    }

    public static InboundText parse(String frame, ObjectMapper mapper) {
        if (!frame.stripLeading().startsWith("{")) {
            return new InboundText(frame, null);
        }
        JsonNode node;
        try {
            node = mapper.readTree(frame);
        } catch (JsonProcessingException notJson) {
            return new InboundText(frame, null);
        }
        if (node == null || !node.isObject()) {
            return new InboundText(frame, null);
        }
        JsonNode text = node.get("text");
        JsonNode ref = node.get("ref");
        if ("refresh".equals(node.path("type").asText())) {
            JsonNode token = node.get("token");
            return new InboundText(null, ref != null && ref.isTextual() ? ref.textValue() : null,
                    token != null && token.isTextual() ? token.textValue() : "");
        }
        return new InboundText(text != null && text.isTextual() ? text.textValue() : null,
                ref != null && ref.isTextual() ? ref.textValue() : null);
    }
}
