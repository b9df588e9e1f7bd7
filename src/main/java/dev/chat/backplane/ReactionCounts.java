package dev.chat.backplane;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.json.JsonArray;

/**
 * Reaction counts from what Redis keeps and tells: a JSON array of {@code [emoji, people]} pairs in
 * first-used order, where people is the list of who reacted (stored) or its length (told on the channel).
 */
final class ReactionCounts {

    private ReactionCounts() {
    }

    static Map<String, Integer> parse(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        JsonArray pairs = new JsonArray(json);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            JsonArray pair = pairs.getJsonArray(i);
            Object people = pair.getValue(1);
            counts.put(pair.getString(0), people instanceof JsonArray list ? list.size() : ((Number) people).intValue());
        }
        return counts;
    }
}
