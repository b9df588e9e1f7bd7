package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.Urls;
import dev.chat.support.WhatUsersFeel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Editing in open mode, on every transport: the connection that posted a message edits it, every member is
 * told, and history, resumes and polls carry the new text; anyone else, and plain HTTP, is refused.
 */
@QuarkusTest
class EditTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theAuthorEditsAndEveryTransportSeesTheNewText() {
        String room = "edit-everywhere";
        try (ChatClient alice = ChatClient.join(base, "/chat/" + room + "?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/" + room + "?name=bob");
                SseClient carol = SseClient.open(base, "/api/rooms/" + room + "/events?name=carol")) {
            carol.next("welcome");
            alice.send("helo");
            long seq = bob.awaitText("helo").get("seq").asLong();
            alice.awaitText("helo");
            alice.sendJson(Map.of("type", "edit", "seq", seq, "text", "hello", "ref", "e1"));

            JsonNode toBob = bob.expect("edit");
            assertEquals(room, toBob.get("room").asText());
            assertEquals(seq, toBob.get("seq").asLong());
            assertEquals("hello", toBob.get("text").asText());
            long edited = toBob.get("edited").asLong();
            assertTrue(Math.abs(System.currentTimeMillis() - edited) < 60_000, "edited is a time: " + edited);
            assertEquals("hello", alice.expect("edit").get("text").asText(), "the author is told too");
            SseClient.Event event = carol.next("edit");
            assertEquals("hello", event.json().get("text").asText());
            assertEquals(null, event.id(), "an event, not a new message: no id");

            JsonNode stored = Http.body(Http.get(base, "/api/rooms/" + room + "/messages")).get("messages").get(0);
            assertEquals("hello", stored.get("text").asText());
            assertEquals(edited, stored.get("edited").asLong());
            assertEquals("alice", stored.get("from").asText());

            try (ChatClient later = ChatClient.join(base, "/chat/" + room + "?name=dave")) {
                JsonNode replayed = later.expect("message");
                assertEquals("hello", replayed.get("text").asText(), "a replay carries the edited text");
                assertEquals(edited, replayed.get("edited").asLong());
            }
        }
    }

    /**
     * A member away while a message it holds was edited learns of it when it comes back: an {@code edit}
     * after its replay on a socket or a stream, {@code edited} in a poll, and a waiting long poll is answered by it.
     */
    @Test
    void aResumePastAnEditIsToldOfItOnEveryTransport() throws Exception {
        String room = "edit-away";
        try (ChatClient alice = ChatClient.join(base, "/chat/" + room + "?name=alice")) {
            alice.send("first");
            long seq = alice.awaitText("first").get("seq").asLong();
            alice.send("second");
            alice.awaitText("second");
            String epoch = Http.body(Http.get(base, "/api/rooms/" + room + "/messages?since=0")).get("epoch").asText();
            String heldUpTo = "since=2&epoch=" + epoch;
            CompletableFuture<HttpResponse<String>> waiting = Http.CLIENT.sendAsync(
                    HttpRequest.newBuilder(Urls.http(base, "/api/rooms/" + room + "/messages?" + heldUpTo + "&wait=20")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(1000);
            alice.sendJson(Map.of("type", "edit", "seq", seq, "text", "first, fixed"));
            alice.expect("edit");

            HttpResponse<String> woken = waiting.get(10, TimeUnit.SECONDS);
            assertEquals(200, woken.statusCode(), "the waiting long poll is answered by the edit");
            JsonNode edit = Http.body(woken).get("edited").get(0);
            assertEquals(seq, edit.get("seq").asLong());
            assertEquals("first, fixed", edit.get("text").asText());

            try (ChatClient back = ChatClient.join(base, "/chat/" + room + "?name=bob&" + heldUpTo)) {
                assertEquals("first, fixed", back.expect("edit").get("text").asText(), "the socket is told");
            }
            try (SseClient back = SseClient.open(base, "/api/rooms/" + room + "/events?" + heldUpTo)) {
                back.next("welcome");
                assertEquals("first, fixed", back.next("edit").json().get("text").asText(), "the stream is told");
            }
            JsonNode polled = Http.body(Http.get(base, "/api/rooms/" + room + "/messages?" + heldUpTo));
            assertEquals(0, polled.get("messages").size());
            assertEquals("first, fixed", polled.get("edited").get(0).get("text").asText(), "the poll is told: " + polled);
            JsonNode across = Http.body(Http.get(base, "/api/rooms/" + room + "/messages?since=0"));
            assertFalse(across.has("edited"), "a replay across it carries the edited message instead");
            assertEquals("first, fixed", across.get("messages").get(0).get("text").asText());
        }
    }

    @Test
    void someoneElsesOrAnUnknownMessageIsRefusedAndNothingChanges() throws Exception {
        String room = "edit-refused";
        try (ChatClient alice = ChatClient.join(base, "/chat/" + room + "?name=alice");
                ChatClient mallory = ChatClient.join(base, "/chat/" + room + "?name=mallory")) {
            alice.send("mine");
            long seq = mallory.awaitText("mine").get("seq").asLong();
            alice.awaitText("mine");

            mallory.sendJson(Map.of("type", "edit", "seq", seq, "text", "pwned", "ref", "m1"));
            JsonNode forbidden = mallory.expect("error");
            assertEquals("forbidden", forbidden.get("code").asText());
            assertEquals("m1", forbidden.get("ref").asText());
            pastTheInterval();
            mallory.sendJson(Map.of("type", "edit", "seq", 999, "text", "pwned", "ref", "m2"));
            assertEquals("not_found", mallory.expect("error").get("code").asText());
            pastTheInterval();
            mallory.sendJson(Map.of("type", "edit", "text", "no seq", "ref", "m3"));
            assertEquals("bad_request", mallory.expect("error").get("code").asText());
            alice.sendJson(Map.of("type", "edit", "seq", seq, "text", " ", "ref", "a1"));
            assertEquals("bad_request", alice.expect("error").get("code").asText(), "a blank text is no edit");
            alice.sendJson(Map.of("type", "edit", "seq", seq, "text", "x".repeat(5000), "ref", "a2"));
            assertEquals("too_long", alice.expect("error").get("code").asText());

            HttpResponse<String> overHttp = Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/" + room + "/messages/" + seq))
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"text\":\"pwned\"}")));
            assertEquals(403, overHttp.statusCode(), "open mode: plain HTTP cannot prove it posted the message");
            assertTrue(Http.body(overHttp).get("error").asText().contains("open mode"), overHttp.body());

            alice.send("still here");
            assertEquals("still here", mallory.expect("message").get("text").asText(), "no edit reached anyone");
            JsonNode stored = Http.body(Http.get(base, "/api/rooms/" + room + "/messages")).get("messages").get(0);
            assertEquals("mine", stored.get("text").asText());
            assertFalse(stored.has("edited"));
        }
    }

    /**
     * A flood of edits from one socket: edits come at most once per {@code chat.edit.interval}, each takes from
     * the message budget like a message, and the room's others notice nothing but the few edits let through.
     */
    @Test
    void aFloodOfEditsIsHeldToItsRateAndTheRoomKeepsChatting() throws Exception {
        String room = "edit-flood";
        try (WhatUsersFeel feel = WhatUsersFeel.watch(base);
                ChatClient flooder = ChatClient.join(base, "/chat/" + room + "?name=flooder");
                ChatClient bob = ChatClient.join(base, "/chat/" + room + "?name=bob")) {
            flooder.send("target");
            long seq = bob.awaitText("target").get("seq").asLong();
            long started = System.nanoTime();
            try {
                for (int i = 0; i < 500; i++) {
                    flooder.sendJson(Map.of("type", "edit", "seq", seq, "text", "edit " + i));
                }
            } catch (IllegalStateException closedMidFlood) {
                // The server closed the flooder (1008) before it was done: checked below.
            }
            long edits = bob.drain(1500).stream().filter(frame -> frame.path("type").asText().equals("edit")).count();
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(edits >= 1 && edits <= 1 + (long) (seconds / 0.5), edits + " edits reached bob in " + seconds + " s");
            flooder.expectClose(1008);

            try (ChatClient carol = ChatClient.join(base, "/chat/" + room + "?name=carol")) {
                carol.send("calm");
                assertEquals("calm", bob.awaitText("calm").get("text").asText());
            }
            feel.assertUnharmed();
        }
    }

    /** Edits of one sender come at most once per chat.edit.interval (500 ms); a refused one counts too. */
    private static void pastTheInterval() throws InterruptedException {
        Thread.sleep(600);
    }
}
