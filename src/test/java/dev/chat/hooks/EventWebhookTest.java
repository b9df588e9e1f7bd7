package dev.chat.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.AppBackend;
import dev.chat.support.ChatClient;
import dev.chat.support.HooksProfile;
import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The application's events endpoint hears of messages, deletions, joins and leaves, in order per room,
 * at least once: batches it refused come again, with the same event ids, until it takes them.
 */
@QuarkusTest
@TestProfile(HooksProfile.class)
class EventWebhookTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void eventsArriveInOrderWithTheSameIdsAcrossFailedDeliveries() {
        AppBackend backend = HooksProfile.backend();
        String room = "events-order";
        backend.failEvents(3);
        try (ChatClient alice = ChatClient.join(base, "/chat/" + room + "?name=alice")) {
            for (int i = 1; i <= 5; i++) {
                alice.send("event " + i);
                alice.awaitText("event " + i);
            }
            assertEquals(204, Http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "api/rooms/" + room + "/messages/2"))
                    .header("X-API-Key", HooksProfile.API_KEY).DELETE()).statusCode());
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ofRoom(backend.events(), room).stream()
                .anyMatch(event -> event.get("type").asText().equals("leave")));

        List<JsonNode> events = ofRoom(backend.events(), room);
        assertEquals(List.of("join", "message", "message", "message", "message", "message", "delete", "leave"),
                events.stream().map(event -> event.get("type").asText()).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), events.stream().filter(event -> event.get("type").asText().equals("message"))
                .map(event -> event.get("seq").asLong()).toList());
        JsonNode first = events.get(1);
        assertEquals("alice", first.get("from").asText());
        assertEquals("event 1", first.get("text").asText());
        assertTrue(first.get("timestamp").asLong() > 0);
        assertEquals(2, events.get(6).get("seq").asLong());
        assertEquals("alice", events.get(0).get("name").asText());
        assertEquals(events.size(), events.stream().map(event -> event.get("id").asText()).distinct().count(),
                "every event has an id of its own");

        List<AppBackend.Call> refused = backend.calls("/events").stream().filter(call -> call.answered() == 500).toList();
        assertTrue(refused.size() >= 3, "the endpoint refused three batches");
        Set<String> delivered = events.stream().map(event -> event.get("id").asText()).collect(Collectors.toSet());
        for (AppBackend.Call call : refused) {
            call.json().forEach(event -> {
                if (event.get("room").asText().equals(room)) {
                    assertTrue(delivered.contains(event.get("id").asText()), "a refused event came again under its id: " + event);
                }
            });
        }
        assertTrue(backend.calls("/events").stream().allMatch(AppBackend::signatureHolds), "every batch is signed");
    }

    /**
     * An edit goes through the publish hook as a message does (a rejection changes nothing, a rewrite is what
     * is stored), and the events endpoint hears of the stored one after the message it edits.
     */
    @Test
    void anEditIsCheckedByThePublishHookAndSentAsAnEditEvent() throws Exception {
        AppBackend backend = HooksProfile.backend();
        String room = "events-edit";
        try (ChatClient alice = ChatClient.join(base, "/chat/" + room + "?name=alice")) {
            alice.send("first draft");
            long seq = alice.awaitText("first draft").get("seq").asLong();
            alice.sendJson(java.util.Map.of("type", "edit", "seq", seq, "text", "reject this edit", "ref", "e1"));
            JsonNode refused = alice.expect("error");
            assertEquals("rejected", refused.get("code").asText());
            assertEquals("no spam here", refused.get("reason").asText());
            Thread.sleep(600); // past chat.edit.interval
            alice.sendJson(java.util.Map.of("type", "edit", "seq", seq, "text", "rewrite me"));
            assertEquals("rewritten by the application", alice.expect("edit").get("text").asText());
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ofRoom(backend.events(), room).stream()
                .anyMatch(event -> event.get("type").asText().equals("edit")));
        List<JsonNode> events = ofRoom(backend.events(), room);
        List<String> kinds = events.stream().map(event -> event.get("type").asText()).filter(kind -> !kind.equals("leave")).toList();
        assertEquals(List.of("join", "message", "edit"), kinds);
        JsonNode edit = events.get(2);
        assertEquals(1, edit.get("seq").asLong());
        assertEquals("rewritten by the application", edit.get("text").asText());
    }

    private static List<JsonNode> ofRoom(List<JsonNode> events, String room) {
        return events.stream().filter(event -> event.get("room").asText().equals(room)).toList();
    }
}
