package dev.chat.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The HTTP API's answers, each as the contract names it. */
@QuarkusTest
class HttpApiTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aPostIsStoredAndAnsweredWith201AndTheMessageEveryoneReceives() {
        try (ChatClient alice = ChatClient.join(base, "/chat/posting?name=alice")) {
            HttpResponse<String> created = Http.postJson(base, "/api/rooms/posting/messages",
                    Map.of("name", "bob", "text", "hi", "ref", "c7"));
            assertEquals(201, created.statusCode());
            JsonNode stored = Http.body(created);
            assertEquals("message", stored.get("type").asText());
            assertEquals(1, stored.get("seq").asLong());
            assertEquals("bob", stored.get("from").asText());
            assertEquals("c7", stored.get("ref").asText());
            assertEquals(stored, alice.expect("message"));
        }
    }

    @Test
    void aPostWithoutANameIsFromAGuest() {
        JsonNode stored = Http.body(Http.postJson(base, "/api/rooms/guests/messages", Map.of("text", "hello")));
        assertTrue(stored.get("from").asText().startsWith("guest-"));
    }

    @Test
    void badPostsGetTheirStatusAndAnErrorBody() {
        assertError(400, Http.postJson(base, "/api/rooms/bad-posts/messages", Map.of("name", "bob", "text", " ")));
        assertError(400, Http.postJson(base, "/api/rooms/bad-posts/messages", Map.of("name", "bob")));
        assertError(413, Http.postJson(base, "/api/rooms/bad-posts/messages", Map.of("name", "bob", "text", "x".repeat(2001))));
        assertError(400, Http.postJson(base, "/api/rooms/Bad-Room/messages", Map.of("text", "hi")));
        assertError(400, Http.postJson(base, "/api/rooms/bad-posts/messages", Map.of("name", "<b>", "text", "hi")));
        assertEquals(415, Http.post(base, "/api/rooms/bad-posts/messages", "text/plain", "hi", Map.of()).statusCode());
        assertError(403, Http.post(base, "/api/rooms/bad-posts/messages", "application/json", "{\"text\":\"hi\"}",
                Map.of("Origin", "https://evil.example")));
    }

    @Test
    void pollingReturnsWhatCameAfterSince() {
        for (int i = 1; i <= 3; i++) {
            Http.postJson(base, "/api/rooms/polling/messages", Map.of("name", "poster", "text", "m" + i));
        }
        JsonNode poll = Http.body(Http.get(base, "/api/rooms/polling/messages?since=1"));
        assertEquals(3, poll.get("lastSeq").asLong());
        assertEquals(2, poll.get("messages").size());
        assertEquals("m2", poll.get("messages").get(0).get("text").asText());
        assertFalse(poll.has("gap"));
        assertEquals(0, Http.body(Http.get(base, "/api/rooms/polling/messages?since=3")).get("messages").size());
    }

    @Test
    void pollingPastWhatIsRetainedReportsTheGap() {
        for (int i = 1; i <= 25; i++) {
            Http.postJson(base, "/api/rooms/poll-gap/messages", Map.of("name", "p" + (i % 3), "text", "m" + i));
        }
        JsonNode poll = Http.body(Http.get(base, "/api/rooms/poll-gap/messages?since=1"));
        assertEquals(2, poll.get("gap").get("from").asLong());
        assertEquals(5, poll.get("gap").get("to").asLong());
        assertEquals(20, poll.get("messages").size());
    }

    @Test
    void pollingWithoutSinceReturnsTheLastFew() {
        for (int i = 1; i <= 8; i++) {
            Http.postJson(base, "/api/rooms/poll-recent/messages", Map.of("name", "p" + (i % 2), "text", "m" + i));
        }
        JsonNode poll = Http.body(Http.get(base, "/api/rooms/poll-recent/messages"));
        assertEquals(5, poll.get("messages").size());
        assertEquals(4, poll.get("messages").get(0).get("seq").asLong());
    }

    @Test
    void badPollsAre400() {
        assertError(400, Http.get(base, "/api/rooms/polling/messages?since=x"));
        assertError(400, Http.get(base, "/api/rooms/polling/messages?wait=0"));
        assertError(400, Http.get(base, "/api/rooms/polling/messages?wait=31"));
        assertError(400, Http.get(base, "/api/rooms/UPPER/messages"));
    }

    @Test
    void theRoomSaysWhoIsOnlineAndHowFarItHasGot() {
        try (ChatClient alice = ChatClient.join(base, "/chat/info?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/info?name=bob")) {
            alice.send("hello");
            alice.expect("message");
            JsonNode info = Http.body(Http.get(base, "/api/rooms/info"));
            assertEquals("info", info.get("room").asText());
            assertEquals(2, info.get("online").asInt());
            assertEquals("[\"alice\",\"bob\"]", info.get("names").toString());
            assertEquals(1, info.get("lastSeq").asLong());
        }
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        HttpResponse<String> spec = Http.get(base, "/q/openapi");
        assertEquals(200, spec.statusCode());
        assertTrue(spec.body().contains("/api/rooms/{room}/messages"));
        assertTrue(spec.body().contains("/api/rooms/{room}/events"));
    }

    private static void assertError(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertFalse(Http.body(response).get("error").asText().isBlank());
    }
}
