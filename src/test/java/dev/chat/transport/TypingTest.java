package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.WhatUsersFeel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** "Someone is typing" on every transport: told to the others, never stored, at most once per interval. */
@QuarkusTest
class TypingTest {

    private static final Map<String, Object> TYPING = Map.of("type", "typing");

    @TestHTTPResource("/")
    URI base;

    @Test
    void theOthersAreToldOverWebSocketAndEventStreamsAndTheTyperIsNot() {
        try (ChatClient alice = ChatClient.join(base, "/chat/typing-ws?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/typing-ws?name=bob");
                SseClient carol = SseClient.open(base, "/api/rooms/typing-ws/events?name=carol")) {
            carol.next("welcome");
            alice.sendJson(TYPING);

            JsonNode toBob = bob.expect("typing");
            assertEquals("typing-ws", toBob.get("room").asText());
            assertEquals("alice", toBob.get("name").asText());
            SseClient.Event event = carol.next("typing");
            assertEquals("alice", event.json().get("name").asText());
            assertEquals(null, event.id(), "an event, not history: no id");

            bob.sendJson(Map.of("text", "after the typing"));
            assertEquals("after the typing", alice.expect("message").get("text").asText(), "alice is not told of her own typing");
            JsonNode history = Http.body(Http.get(base, "/api/rooms/typing-ws/messages"));
            assertEquals(1, history.get("messages").size(), "typing is not stored");
        }
    }

    @Test
    void aPostTellsTheRoomOverHttp() {
        try (ChatClient bob = ChatClient.join(base, "/chat/typing-http?name=bob")) {
            assertEquals(204, Http.postJson(base, "/api/rooms/typing-http/typing", Map.of("name", "dave")).statusCode());
            assertEquals("dave", bob.expect("typing").get("name").asText());
            assertEquals(400, Http.postJson(base, "/api/rooms/typing-http/typing", Map.of("name", "not/valid")).statusCode());
            assertEquals(400, Http.postJson(base, "/api/rooms/Not%20A%20Room/typing", Map.of("name", "dave")).statusCode());
        }
    }

    @Test
    void aFloodOfTypingIsRelayedOncePerIntervalAndTheRoomKeepsChatting() throws Exception {
        try (WhatUsersFeel feel = WhatUsersFeel.watch(base);
                ChatClient flooder = ChatClient.join(base, "/chat/typing-flood?name=flooder");
                ChatClient bob = ChatClient.join(base, "/chat/typing-flood?name=bob")) {
            long started = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                flooder.sendJson(TYPING);
            }
            flooder.sendJson(Map.of("text", "done"));

            // Typing takes nothing from the message budget: the message after the flood is not refused.
            long typing = 0;
            JsonNode frame;
            while (!(frame = bob.expectAny("typing", "message")).path("type").asText().equals("message")) {
                typing++;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals("done", frame.get("text").asText());
            assertTrue(typing >= 1 && typing <= 1 + (long) (seconds / 2), typing + " typing notices in " + seconds + " s");
            feel.assertUnharmed();
        }
    }
}
