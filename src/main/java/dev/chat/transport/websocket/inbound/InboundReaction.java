package dev.chat.transport.websocket.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code {"type":"react","seq":N,"emoji":"👍","ref":...}} from a client: toggle its reaction on message N.
 * A missing or non-numeric seq reads as 0 and an emoji that is not a string as null; the room's rules refuse
 * both with a clear error.
 */
public record InboundReaction(long seq, String emoji, String ref) {

    /** The reaction the frame asks for, or null when the frame is something else. */
    public static InboundReaction parse(String frame, ObjectMapper mapper) {
        // Most frames are chat text: only those that could be a react frame are parsed again.
        if (!frame.contains("\"react\"")) {
            return null;
        }
        JsonNode node;
        try {
            node = mapper.readTree(frame);
        } catch (JsonProcessingException notJson) {
            return null;
        }
        if (node == null || !node.isObject() || !"react".equals(node.path("type").asText())) {
            return null;
        }
        JsonNode seq = node.get("seq");
        JsonNode emoji = node.get("emoji");
        JsonNode ref = node.get("ref");
        return new InboundReaction(seq != null && seq.canConvertToLong() && seq.isIntegralNumber() ? seq.longValue() : 0,
                emoji != null && emoji.isTextual() ? emoji.textValue() : null,
                ref != null && ref.isTextual() ? ref.textValue() : null);
    }
}
