package dev.chat.transport.websocket.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A text frame from a client: a JSON object {@code {"text": ..., "ref": ...}}, or, when the frame is not
 * a JSON object, the chat text itself (so {@code ws.send('Hello')} from a console works).
 * {@code text} is null when the object has no usable text. {@code {"type": "refresh", "token": ...}} offers
 * a fresh token instead: then {@code refreshToken} is not null (empty when the token is missing).
 * {@code {"type": "typing"}} says the client is typing. {@code {"type": "read", "seq": N}} marks the room
 * read up to N: {@code seq} is null when N is not a whole number. {@code {"type": "edit", "seq": N, "text": ...}}
 * edits message N: {@code seq} is null when it is missing or not a positive whole number.
 */
public record InboundText(Kind kind, String text, String ref, String refreshToken, Long seq) {

    public enum Kind {
        MESSAGE,
        REFRESH,
        TYPING,
        READ,
        EDIT
    }

    InboundText(String text, String ref) {
        this(Kind.MESSAGE, text, ref, null);
    }

    InboundText(Kind kind, String text, String ref, String refreshToken) {
        this(kind, text, ref, refreshToken, null);
    }

    public boolean isEdit() {
        return kind == Kind.EDIT;
    }

    public boolean isRefresh() {
        return kind == Kind.REFRESH;
    }

    public boolean isTyping() {
        return kind == Kind.TYPING;
    }

    public boolean isRead() {
        return kind == Kind.READ;
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
        String textRef = ref != null && ref.isTextual() ? ref.textValue() : null;
        String type = node.path("type").asText();
        if ("refresh".equals(type)) {
            JsonNode token = node.get("token");
            return new InboundText(Kind.REFRESH, null, textRef, token != null && token.isTextual() ? token.textValue() : "");
        }
        if ("read".equals(type)) {
            JsonNode seq = node.get("seq");
            return new InboundText(Kind.READ, null, textRef, null,
                    seq != null && seq.canConvertToExactIntegral() && seq.canConvertToLong() ? seq.asLong() : null);
        }
        if ("typing".equals(type)) {
            return new InboundText(Kind.TYPING, null, null, null);
        }
        if ("edit".equals(type)) {
            JsonNode seq = node.get("seq");
            Long position = seq != null && seq.canConvertToExactIntegral() && seq.asLong() > 0 ? seq.asLong() : null;
            return new InboundText(Kind.EDIT, text != null && text.isTextual() ? text.textValue() : null, textRef, null, position);
        }
        return new InboundText(text != null && text.isTextual() ? text.textValue() : null, textRef);
    }
}
