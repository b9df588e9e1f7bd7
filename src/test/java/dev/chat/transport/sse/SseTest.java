package dev.chat.transport.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient.Event;
import dev.chat.support.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SseTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theStreamStartsWithRetryAndCarriesMessagesWithTheirSeqAsId() {
        try (SseClient stream = SseClient.open(base, "/api/rooms/sse-basics/events?name=sam")) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            Event first = stream.nextRaw();
            Event retry = first.retry() != null ? first : stream.nextRaw();
            assertTrue(retry.retry() > 0, "a retry: line comes first");

            Http.postJson(base, "/api/rooms/sse-basics/messages", Map.of("name", "bob", "text", "hi"));
            Event message = stream.next("message");
            assertEquals("1", message.id());
            JsonNode json = message.json();
            assertEquals("hi", json.get("text").asText());
            assertEquals(1, json.get("seq").asLong());
        }
    }

    @Test
    void joinAndLeaveAreEventsWithoutIdAndANamedListenerCountsAsOnline() {
        try (SseClient sam = SseClient.open(base, "/api/rooms/sse-presence/events?name=sam")) {
            sam.next("welcome");
            assertEquals(1, Http.body(Http.get(base, "/api/rooms/sse-presence")).get("online").asInt());
            ChatClient bob = ChatClient.join(base, "/chat/sse-presence?name=bob");
            Event joined = sam.next("join");
            assertNull(joined.id());
            assertEquals("bob", joined.json().get("name").asText());
            assertEquals(2, joined.json().get("online").asInt());
            bob.close();
            Event left = sam.next("leave");
            assertNull(left.id());
            assertEquals(1, left.json().get("online").asInt());
        }
    }

    @Test
    void anUnnamedListenerDoesNotCountAsOnline() {
        try (SseClient anonymous = SseClient.open(base, "/api/rooms/sse-anonymous/events")) {
            anonymous.next("welcome");
            assertEquals(0, Http.body(Http.get(base, "/api/rooms/sse-anonymous")).get("online").asInt());
        }
    }

    @Test
    void reconnectingWithLastEventIdGetsExactlyWhatWasMissed() {
        for (int i = 1; i <= 6; i++) {
            Http.postJson(base, "/api/rooms/sse-resume/messages", Map.of("name", "bob", "text", "m" + i));
        }
        try (SseClient stream = SseClient.open(base, "/api/rooms/sse-resume/events?since=1",
                Map.of("Last-Event-ID", "4"))) {
            List<Event> missed = stream.messages(2);
            assertEquals(List.of("5", "6"), missed.stream().map(Event::id).toList());
        }
    }

    @Test
    void resumingPastWhatIsRetainedGetsAGapEventFirst() {
        for (int i = 1; i <= 25; i++) {
            Http.postJson(base, "/api/rooms/sse-gap/messages", Map.of("name", "p" + (i % 3), "text", "m" + i));
        }
        try (SseClient stream = SseClient.open(base, "/api/rooms/sse-gap/events", Map.of("Last-Event-ID", "2"))) {
            Event gap = stream.next("gap");
            assertEquals(3, gap.json().get("from").asLong());
            assertEquals(5, gap.json().get("to").asLong());
            assertEquals("6", stream.next("message").id());
        }
    }

    @Test
    void aBadRoomOrNameIs400() {
        assertEquals(400, Http.get(base, "/api/rooms/No/events").statusCode());
        assertEquals(400, Http.get(base, "/api/rooms/ok/events?name=%3Cx%3E").statusCode());
    }
}
