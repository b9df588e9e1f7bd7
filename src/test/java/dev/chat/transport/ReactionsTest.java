package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.WhatUsersFeel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Reactions on every transport: toggled by one, counted for all, carried by history, polls and resumes. */
@QuarkusTest
class ReactionsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aToggleOnAWebSocketReachesEveryTransportAndStaysInHistory() throws Exception {
        try (ChatClient alice = ChatClient.join(base, "/chat/react-ws?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/react-ws?name=bob");
                SseClient carol = SseClient.open(base, "/api/rooms/react-ws/events?name=carol")) {
            carol.next("welcome");
            alice.send("react to me");
            long seq = bob.expect("message").get("seq").asLong();
            alice.expect("message");

            bob.sendJson(Map.of("type", "react", "seq", seq, "emoji", "👍"));
            JsonNode told = alice.expect("reactions");
            assertEquals("react-ws", told.get("room").asText());
            assertEquals(seq, told.get("seq").asLong());
            assertEquals(1, told.get("reactions").get("👍").asInt());
            assertEquals(1, bob.expect("reactions").get("reactions").get("👍").asInt(), "the reactor is told too");
            SseClient.Event event = carol.next("reactions");
            assertEquals(1, event.json().get("reactions").get("👍").asInt());
            assertNull(event.id(), "an event about a message, not a message: no id");

            alice.sendJson(Map.of("type", "react", "seq", seq, "emoji", "👍"));
            assertEquals(2, bob.expect("reactions").get("reactions").get("👍").asInt());
            alice.expect("reactions");
            bob.sendJson(Map.of("type", "react", "seq", seq, "emoji", "👍"));
            assertEquals(1, alice.expect("reactions").get("reactions").get("👍").asInt(), "bob took his back");
            bob.expect("reactions");

            JsonNode history = Http.body(Http.get(base, "/api/rooms/react-ws/messages"));
            assertEquals(1, history.get("messages").get(0).get("reactions").get("👍").asInt());
            JsonNode poll = Http.body(Http.get(base, "/api/rooms/react-ws/messages?since=" + seq));
            assertEquals(1, poll.get("reactions").get(String.valueOf(seq)).get("👍").asInt(), "a poller learns of held messages");

            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(
                    () -> Http.get(base, "/api/rooms/react-ws/messages?since=" + seq + "&wait=20"));
            // Parked first: a count that changed between two polls comes with the next answer instead.
            Thread.sleep(1_000);
            alice.sendJson(Map.of("type", "react", "seq", seq, "emoji", "🇰🇷"));
            HttpResponse<String> woken = waiting.get();
            assertEquals(200, woken.statusCode(), "a changed count wakes a long poll");
            assertEquals(1, Http.body(woken).get("reactions").get(String.valueOf(seq)).get("🇰🇷").asInt());

            try (ChatClient resumer = ChatClient.connect(base, "/chat/react-ws?name=dora&since=" + seq)) {
                resumer.expect("welcome");
                JsonNode resumed = resumer.expect("reactions");
                assertEquals(seq, resumed.get("seq").asLong());
                assertEquals(Map.of("👍", 1, "🇰🇷", 1), Map.of("👍", resumed.get("reactions").get("👍").asInt(),
                        "🇰🇷", resumed.get("reactions").get("🇰🇷").asInt()));
            }
            try (ChatClient replayed = ChatClient.connect(base, "/chat/react-ws?name=erin&since=0")) {
                replayed.expect("welcome");
                assertEquals(1, replayed.expect("message").get("reactions").get("👍").asInt(), "a replay carries the counts");
            }
        }
    }

    @Test
    void aPostTogglesOverHttpAndAnswersTheCounts() {
        try (ChatClient bob = ChatClient.join(base, "/chat/react-http?name=bob")) {
            bob.send("hello");
            long seq = bob.expect("message").get("seq").asLong();
            String path = "/api/rooms/react-http/messages/" + seq + "/reactions";

            HttpResponse<String> toggled = Http.postJson(base, path, Map.of("emoji", "🎉", "name", "dave"));
            assertEquals(200, toggled.statusCode(), toggled.body());
            JsonNode answer = Http.body(toggled);
            assertEquals("reactions", answer.get("type").asText());
            assertEquals(1, answer.get("reactions").get("🎉").asInt());
            assertEquals(1, bob.expect("reactions").get("reactions").get("🎉").asInt());
            JsonNode untoggled = Http.body(Http.postJson(base, path, Map.of("emoji", "🎉", "name", "dave")));
            assertEquals(0, untoggled.get("reactions").size(), "an emoji at 0 disappears");

            assertEquals(400, Http.postJson(base, path, Map.of("emoji", "🎉")).statusCode(), "no name in open mode");
            assertEquals(400, Http.postJson(base, path, Map.of("emoji", "ab", "name", "dave")).statusCode());
            assertEquals(404, Http.postJson(base, "/api/rooms/react-http/messages/99/reactions",
                    Map.of("emoji", "🎉", "name", "dave")).statusCode());
            assertEquals(400, Http.postJson(base, "/api/rooms/react-http/messages/x/reactions",
                    Map.of("emoji", "🎉", "name", "dave")).statusCode());
            assertNull(Http.body(Http.get(base, "/api/rooms/react-http/messages")).get("messages").get(0).get("reactions"),
                    "none left: absent");
        }
    }

    /**
     * A flood of toggles, a 21st emoji, an oversized emoji and an unknown seq: each is refused with a clear
     * error to its sender only, the counts stay what they were, and the rest of the service notices nothing.
     */
    @Test
    void hostileTogglesAreRefusedAndTheRoomNoticesNothing() throws Exception {
        try (WhatUsersFeel feel = WhatUsersFeel.watch(base);
                ChatClient flooder = ChatClient.join(base, "/chat/react-attack?name=flooder");
                ChatClient bob = ChatClient.join(base, "/chat/react-attack?name=bob")) {
            bob.send("target");
            long seq = flooder.expect("message").get("seq").asLong();
            bob.expect("message");

            long started = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                flooder.sendJson(Map.of("type", "react", "seq", seq, "emoji", "👍"));
            }
            int reactions = 0;
            int limited = 0;
            for (int i = 0; i < 30; i++) {
                JsonNode frame = flooder.expectAny("reactions", "error");
                if (frame.path("type").asText().equals("error")) {
                    assertEquals("rate_limited", frame.get("code").asText());
                    limited++;
                } else {
                    reactions++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            // The toggle bucket: 10 at once, then 2 a second.
            assertTrue(reactions >= 10 && reactions <= 11 + 2 * seconds, reactions + " toggles went through of 30 in " + seconds + " s");
            assertEquals(30, reactions + limited, "every other toggle was refused");
            assertTrue(flooder.isOpen(), "refusals short of chat.rate-limit.close-after keep the socket");

            for (int i = 0; i < 20; i++) {
                assertEquals(200, Http.postJson(base, "/api/rooms/react-attack/messages/" + seq + "/reactions",
                        Map.of("emoji", new String(Character.toChars(0x1F600 + i)), "name", "p" + i)).statusCode());
            }
            HttpResponse<String> twentyFirst = Http.postJson(base, "/api/rooms/react-attack/messages/" + seq + "/reactions",
                    Map.of("emoji", "🦄", "name", "p21"));
            assertEquals(400, twentyFirst.statusCode());
            assertTrue(twentyFirst.body().contains("at most 20 different emoji"), twentyFirst.body());
            JsonNode before = Http.body(Http.get(base, "/api/rooms/react-attack/messages")).get("messages").get(0).get("reactions");
            assertEquals(20, before.size());
            assertFalse(before.has("🦄"));

            Thread.sleep(1_000);
            bob.sendJson(Map.of("type", "react", "seq", seq, "emoji", "👍".repeat(20), "ref", "long"));
            assertError(bob, "bad_request", "long");
            bob.sendJson(Map.of("type", "react", "seq", 999, "emoji", "👍", "ref", "unknown"));
            assertError(bob, "not_found", "unknown");
            bob.sendJson(Map.of("type", "react", "seq", "one", "emoji", "👍", "ref", "nonsense"));
            assertError(bob, "not_found", "nonsense");
            assertEquals(before, Http.body(Http.get(base, "/api/rooms/react-attack/messages")).get("messages").get(0)
                    .get("reactions"), "refusals changed nothing");
            bob.send("still chatting");
            assertEquals("still chatting", bob.awaitText("still chatting").get("text").asText());
            feel.assertUnharmed();
        }
    }

    /** The next error, past the counts the flood still tells every member. */
    private static void assertError(ChatClient client, String code, String ref) {
        JsonNode error;
        while (!(error = client.expectAny("error", "reactions")).path("type").asText().equals("error")) {
            assertEquals("react-attack", error.get("room").asText());
        }
        assertEquals(code, error.get("code").asText(), error.toString());
        assertEquals(ref, error.get("ref").asText());
        assertFalse(error.get("text").asText().isEmpty());
    }
}
