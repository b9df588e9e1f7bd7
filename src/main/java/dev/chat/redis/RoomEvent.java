package dev.chat.redis;

import java.util.HashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;

/**
 * One event on a room's channel: a message, a presence change or a deletion. The script that stores it
 * publishes it as a JSON object of strings; {@code kind} says who handles it.
 */
public record RoomEvent(String room, Map<String, String> fields) {

    public String get(String field) {
        return fields.get(field);
    }

    public String kind() {
        return fields.get("kind");
    }

    static RoomEvent parse(String room, String payload) {
        JsonObject json = new JsonObject(payload);
        Map<String, String> fields = new HashMap<>(json.size() * 2);
        json.forEach(field -> fields.put(field.getKey(), String.valueOf(field.getValue())));
        return new RoomEvent(room, fields);
    }
}
