package dev.chat.redis;

import java.util.Map;

/** One entry of the control feed: its stream id and its fields. {@code kind} says who handles it. */
public record FeedEntry(String id, Map<String, String> fields) {

    public String get(String field) {
        return fields.get(field);
    }

    public String kind() {
        return fields.get("kind");
    }
}
