package dev.chat.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

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
 * The application's publish hook decides before a message is stored: it rewrites, refuses or lets it
 * pass, on every transport. A hook that answers badly or not at all costs the sender that one message,
 * with a clear error, and the room goes on.
 */
@QuarkusTest
@TestProfile(HooksProfile.class)
class PublishHookTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theHookRewritesAMessageOverWebSocketAndHttp() {
        try (ChatClient alice = ChatClient.join(base, "/chat/hook-rewrite?name=alice")) {
            alice.sendJson(Map.of("text", "rewrite this please", "ref", "r1"));
            JsonNode stored = alice.expect("message");
            assertEquals("rewritten by the application", stored.get("text").asText());
            assertEquals("r1", stored.get("ref").asText());

            HttpResponse<String> posted = Http.postJson(base, "/api/rooms/hook-rewrite/messages",
                    Map.of("name", "bob", "text", "rewrite me too"));
            assertEquals(201, posted.statusCode());
            assertEquals("rewritten by the application", Http.body(posted).get("text").asText());
        }
        AppBackend.Call asked = HooksProfile.backend().calls("/publish").stream()
                .filter(call -> call.json().path("text").asText().equals("rewrite this please")).findFirst().orElseThrow();
        assertEquals("hook-rewrite", asked.json().get("room").asText());
        assertEquals("alice", asked.json().get("from").asText());
        assertEquals("r1", asked.json().get("ref").asText());
        assertEquals("websocket", asked.json().get("transport").asText());
        assertTrue(AppBackend.signatureHolds(asked), "the hook call is signed with the shared secret");
    }

    @Test
    void aRewriteStillMeetsTheLengthLimit() {
        try (ChatClient alice = ChatClient.join(base, "/chat/hook-grow?name=alice")) {
            alice.sendJson(Map.of("text", "grow this", "ref", "g1"));
            JsonNode error = alice.expect("error");
            assertEquals("too_long", error.get("code").asText());
            assertEquals("g1", error.get("ref").asText());
        }
        assertEquals(List.of(), history("hook-grow"));
    }

    @Test
    void aRefusalReachesOnlyTheSenderAndNothingIsStored() throws InterruptedException {
        try (ChatClient alice = ChatClient.join(base, "/chat/hook-reject?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/hook-reject?name=bob")) {
            alice.sendJson(Map.of("text", "reject this", "ref", "r7"));
            JsonNode error = alice.expect("error");
            assertEquals("rejected", error.get("code").asText());
            assertEquals("no spam here", error.get("reason").asText());
            assertEquals("r7", error.get("ref").asText());
            bob.expectNoMessage(300);

            HttpResponse<String> posted = Http.postJson(base, "/api/rooms/hook-reject/messages",
                    Map.of("name", "carol", "text", "reject me over http"));
            assertEquals(422, posted.statusCode());
            assertEquals("rejected", Http.body(posted).get("error").asText());
            assertEquals("no spam here", Http.body(posted).get("reason").asText());

            alice.send("a fine message");
            assertEquals(1, alice.awaitText("a fine message").get("seq").asLong(), "refused messages took no seq");
        }
        assertEquals(0, history("hook-reject").stream().filter(m -> m.path("text").asText().startsWith("reject")).count());
    }

    @Test
    void aHookThatHangsCostsTheSenderThatMessageAsUnavailable() {
        try (ChatClient alice = ChatClient.join(base, "/chat/hook-hang?name=alice")) {
            long started = System.nanoTime();
            alice.sendJson(Map.of("text", "hang on", "ref", "h1"));
            JsonNode error = alice.expect("error");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("unavailable", error.get("code").asText());
            assertEquals("h1", error.get("ref").asText());
            assertTrue(error.get("text").asText().contains("no answer within 1000 ms"), error.toString());
            assertTrue(tookMillis >= 900 && tookMillis < 2500, "answered at the 1 s timeout, took " + tookMillis);

            alice.send("still chatting");
            alice.awaitText("still chatting");
        }
        assertTrue(history("hook-hang").stream().noneMatch(m -> m.path("text").asText().equals("hang on")));
    }

    @Test
    void malformedHugeAndRedirectingAnswersAreRefusedClearlyAndTheRoomGoesOn() {
        Map<String, String> expected = Map.of("malformed", "answer is not JSON",
                "huge", "over 65536", "redirect", "redirects are not followed");
        try (ChatClient alice = ChatClient.join(base, "/chat/hook-bad?name=alice")) {
            for (Map.Entry<String, String> bad : expected.entrySet()) {
                alice.sendJson(Map.of("text", bad.getKey() + " answer", "ref", bad.getKey()));
                JsonNode error = alice.expect("error");
                assertEquals("unavailable", error.get("code").asText(), error.toString());
                assertEquals(bad.getKey(), error.get("ref").asText());
                assertTrue(error.get("text").asText().contains(bad.getValue()), error.toString());
                alice.send("fine after " + bad.getKey());
                alice.awaitText("fine after " + bad.getKey());
            }
        }
        List<JsonNode> stored = history("hook-bad");
        assertEquals(3, stored.size());
        assertTrue(stored.stream().allMatch(m -> m.get("text").asText().startsWith("fine after")));
        assertFalse(HooksProfile.backend().calls("/publish-elsewhere").iterator().hasNext(), "the redirect was not followed");
    }

    @Test
    void aSlowHookDelaysOnlyItsOwnSender() {
        try (ChatClient slow = ChatClient.join(base, "/chat/hook-slow?name=slow");
                ChatClient quick = ChatClient.join(base, "/chat/hook-slow?name=quick")) {
            slow.send("slow message");
            quick.send("quick message");
            List<JsonNode> order = quick.messages(2);
            assertEquals("quick message", order.get(0).get("text").asText(), "the quick one was not held up");
            assertEquals(1, order.get(0).get("seq").asLong());
            assertEquals("slow message", order.get(1).get("text").asText());
            assertEquals(2, order.get(1).get("seq").asLong(), "seq follows the order of storing");
        }
    }

    private List<JsonNode> history(String room) {
        JsonNode page = Http.body(Http.get(base, "/api/rooms/" + room + "/messages?since=0"));
        return StreamSupport.stream(page.get("messages").spliterator(), false).toList();
    }
}
