package dev.chat.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a room the way a polling or long-polling client does: GET after GET, each from the last seq seen. */
public final class Pollers {

    private Pollers() {
    }

    public static List<JsonNode> poll(URI base, String room, int count) {
        return read(base, room, count, "");
    }

    public static List<JsonNode> longPoll(URI base, String room, int count) {
        return read(base, room, count, "&wait=5");
    }

    private static List<JsonNode> read(URI base, String room, int count, String wait) {
        List<JsonNode> seen = new ArrayList<>();
        long since = 0;
        long deadline = System.currentTimeMillis() + 20_000;
        while (seen.size() < count) {
            assertTrue(System.currentTimeMillis() < deadline, "only " + seen.size() + " of " + count + " arrived");
            HttpResponse<String> response = Http.get(base, "/api/rooms/" + room + "/messages?since=" + since + wait);
            if (response.statusCode() == 200) {
                for (JsonNode message : Http.body(response).get("messages")) {
                    seen.add(message);
                    since = message.get("seq").asLong();
                }
            }
            if (wait.isEmpty()) {
                pause(100);
            }
        }
        return seen;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
