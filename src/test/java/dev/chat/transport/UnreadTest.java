package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.backplane.Backplane;
import dev.chat.message.Post;
import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.TokenProfile;
import dev.chat.support.Urls;
import dev.chat.support.WhatUsersFeel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Read marks on every transport in token mode: told to the user's own WebSockets and event streams and to
 * nobody else, carried by welcome and by the room's info, set over HTTP, and coalesced under a flood.
 */
@QuarkusTest
@TestProfile(TokenProfile.class)
class UnreadTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Backplane backplane;

    @Test
    void aMarkReachesTheUsersOtherConnectionsOnlyAndComesBackInWelcomeAndRoomInfo() throws Exception {
        String room = "open-read-" + System.nanoTime();
        String alice = token("alice");
        String bob = token("bob");
        write(room, 3);
        try (ChatClient phone = ChatClient.join(base, path(room, alice));
                ChatClient laptop = ChatClient.join(base, path(room, alice));
                SseClient stream = SseClient.open(base, "/api/rooms/" + room + "/events?access_token=" + alice);
                ChatClient bobs = ChatClient.join(base, path(room, bob))) {
            stream.next("welcome");
            phone.sendJson(Map.of("type", "read", "seq", 2));

            JsonNode told = awaitType(laptop, "read");
            assertEquals(room, told.get("room").asText());
            assertEquals(2, told.get("seq").asLong());
            SseClient.Event event = stream.next("read");
            assertEquals(2, event.json().get("seq").asLong());
            assertNull(event.id(), "a mark is not history: no id");
            assertEquals(2, awaitType(phone, "read").get("seq").asLong(), "the sender hears its mark moved");
            assertNoRead(bobs, 500);

            JsonNode aliceInfo = info(room, alice);
            assertEquals(2, aliceInfo.get("read").asLong());
            assertEquals(1, aliceInfo.get("unread").asLong());
            JsonNode bobInfo = info(room, bob);
            assertFalse(bobInfo.has("read"), "bob never marked");
            assertEquals(3, bobInfo.get("unread").asLong());

            assertEquals(204, read(room, alice, "{\"seq\":3}"));
            assertEquals(3, awaitType(laptop, "read").get("seq").asLong(), "a mark over HTTP reaches the user's sockets");
            assertEquals(3, stream.next("read").json().get("seq").asLong());
            assertNoRead(bobs, 300);
        }
        Thread.sleep(500); // the closed connections go back to alice's count of three
        try (ChatClient again = ChatClient.connect(base, path(room, alice));
                ChatClient bobAgain = ChatClient.connect(base, path(room, bob))) {
            assertEquals(3, again.expect("welcome").get("read").asLong(), "welcome carries the mark on reconnect");
            assertFalse(bobAgain.expect("welcome").has("read"), "nor anyone else's");
        }
    }

    @Test
    void badSeqsAreRefusedClearlyAndChangeNothing() throws Exception {
        String room = "open-bad-" + System.nanoTime();
        String carol = token("carol");
        write(room, 2);
        assertEquals(400, read(room, carol, "{\"seq\":3}"), "past the last message");
        for (String body : List.of("{\"seq\":-1}", "{\"seq\":\"two\"}", "{}", "not json")) {
            assertEquals(400, read(room, carol, body), body);
        }
        assertFalse(info(room, carol).has("read"), "nothing changed");
        assertEquals(401, Http.post(base, "/api/rooms/" + room + "/read", "application/json", "{\"seq\":1}", Map.of())
                .statusCode(), "without a token there is nobody to mark for");

        try (ChatClient socket = ChatClient.join(base, path(room, carol))) {
            socket.sendJson(Map.of("type", "read", "seq", 1));
            assertEquals(1, awaitType(socket, "read").get("seq").asLong());
            for (Object seq : new Object[] { -1, "two", 1.5 }) {
                socket.sendJson(Map.of("type", "read", "seq", seq, "ref", "r" + seq));
                JsonNode error = awaitType(socket, "error");
                assertEquals("bad_request", error.get("code").asText());
                assertEquals("r" + seq, error.get("ref").asText());
            }
            // Within the interval of the first mark: coalesced, and refused when its window is written.
            socket.sendJson(Map.of("type", "read", "seq", 3, "ref", "past"));
            JsonNode past = awaitType(socket, "error");
            assertEquals("bad_request", past.get("code").asText());
            assertEquals("past", past.get("ref").asText());
            assertTrue(past.get("text").asText().contains("past"), past.toString());
            assertNoRead(socket, 300);
        }
        assertEquals(1, info(room, carol).get("read").asLong(), "nothing changed");
    }

    @Test
    void aFloodOfMarksIsCoalescedToTheNewestAndNobodyElseNotices() throws Exception {
        String room = "open-flood-" + System.nanoTime();
        String mallory = token("mallory");
        String bob = token("bob");
        write(room, 2_000);
        try (WhatUsersFeel feel = WhatUsersFeel.watchSignedIn(base, name -> TokenProfile.issuer().token(name, 600,
                List.of("calm-*")));
                ChatClient flooder = ChatClient.join(base, path(room, mallory));
                ChatClient otherDevice = ChatClient.join(base, path(room, mallory));
                ChatClient bobs = ChatClient.join(base, path(room, bob))) {
            long started = System.nanoTime();
            int refusedAtOnce = 0;
            for (int seq = 1; seq <= 2_000; seq++) {
                flooder.sendJson(Map.of("type", "read", "seq", seq));
                if (seq % 100 == 0) {
                    flooder.sendJson(Map.of("type", "read", "seq", -seq));
                    flooder.sendJson(Map.of("type", "read", "seq", "x"));
                    refusedAtOnce += 2;
                }
            }
            flooder.sendJson(Map.of("type", "read", "seq", 1_000_000));

            long notices = 0;
            long last = 0;
            while (last < 2_000) {
                last = awaitType(otherDevice, "read").get("seq").asLong();
                notices++;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(notices <= 2 + (long) seconds, notices + " marks written in " + seconds + " s, one per second at most");
            long errors = flooder.drain(1_500).stream().filter(frame -> "error".equals(frame.path("type").asText()))
                    .peek(frame -> assertEquals("bad_request", frame.get("code").asText())).count();
            assertTrue(errors >= refusedAtOnce, errors + " errors for " + refusedAtOnce + " bogus seqs and one past the end");
            assertEquals(2_000, info(room, mallory).get("read").asLong(), "the newest mark is the one kept");

            assertNoRead(bobs, 300);
            bobs.sendJson(Map.of("text", "still here"));
            bobs.awaitText("still here");
            feel.assertUnharmed();
        }
    }

    /** The next frame of {@code type}, past the replay of the room's messages. */
    private static JsonNode awaitType(ChatClient client, String type) {
        JsonNode frame;
        while (!(frame = client.expectAny(type, "message")).path("type").asText().equals(type)) {
            // a replayed or live message
        }
        return frame;
    }

    private static void assertNoRead(ChatClient client, long quietMillis) {
        assertTrue(client.drain(quietMillis).stream().noneMatch(frame -> "read".equals(frame.path("type").asText())),
                "no read mark reaches this client");
    }

    private void write(String room, int messages) {
        for (int i = 1; i <= messages; i++) {
            backplane.publish(new Post(room, "writer", "message " + i, null)).await().atMost(Duration.ofSeconds(10));
        }
    }

    private static String token(String user) {
        return TokenProfile.issuer().token(user, 600);
    }

    private static String path(String room, String token) {
        return "/chat/" + room + "?access_token=" + token;
    }

    private JsonNode info(String room, String token) {
        return Http.body(Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/" + room))
                .header("Authorization", "Bearer " + token).GET()));
    }

    private int read(String room, String token, String body) {
        return Http.post(base, "/api/rooms/" + room + "/read", "application/json", body,
                Map.of("Authorization", "Bearer " + token)).statusCode();
    }
}
