package dev.chat.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad input gets a clear answer, and the sender and everyone else keep chatting. */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void blankTextIsABadRequestAndTheConnectionStaysUsable() {
        try (ChatClient alice = ChatClient.join(base, "/chat/blank?name=alice")) {
            alice.send("   ");
            assertError(alice, "bad_request");
            alice.sendJson(Map.of("ref", "no-text"));
            JsonNode error = assertError(alice, "bad_request");
            assertEquals("no-text", error.get("ref").asText());
            alice.sendJson(Map.of("text", 42));
            assertError(alice, "bad_request");

            alice.send("still here");
            assertEquals("still here", alice.expect("message").get("text").asText());
        }
    }

    @Test
    void textOverTheLengthLimitIsTooLong() {
        try (ChatClient alice = ChatClient.join(base, "/chat/long?name=alice")) {
            alice.send("x".repeat(2001));
            assertError(alice, "too_long");
            alice.send("x".repeat(2000));
            assertEquals(2000, alice.expect("message").get("text").asText().length());
        }
    }

    @Test
    void aBinaryFrameClosesWith1003AndOthersKeepChatting() {
        try (ChatClient alice = ChatClient.join(base, "/chat/binary?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/binary?name=bob")) {
            bob.sendBinary(new byte[] { 1, 2, 3 });
            bob.expectClose(1003);
            assertOthersStillChat(alice);
        }
    }

    @Test
    void aMessageOverTheFrameLimitClosesWith1009AndOthersKeepChatting() {
        try (ChatClient alice = ChatClient.join(base, "/chat/huge?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/huge?name=bob")) {
            bob.send("x".repeat(65 * 1024));
            bob.expectClose(1009);
            assertOthersStillChat(alice);
        }
    }

    @Test
    void sendingTooFastIsRateLimitedAndSustainedAbuseClosesWith1008() {
        try (ChatClient alice = ChatClient.join(base, "/chat/flood?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/flood?name=bob")) {
            for (int i = 0; i < 25; i++) {
                bob.send("burst " + i);
            }
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 25; i++) {
                JsonNode answer = bob.expectAny("message", "error");
                if (answer.get("type").asText().equals("error")) {
                    assertEquals("rate_limited", answer.get("code").asText());
                    refused++;
                } else {
                    accepted++;
                }
            }
            assertTrue(accepted >= 20, "the burst is accepted");
            assertTrue(refused >= 1, "what goes past the burst is refused");

            for (int i = 0; i < 200 && bob.trySend("flood " + i); i++) {
                // keeps sending until the server gives up on this client
            }
            bob.expectClose(1008);
            assertOthersStillChat(alice);
        }
    }

    private static JsonNode assertError(ChatClient client, String code) {
        JsonNode error = client.expect("error");
        assertEquals(code, error.get("code").asText());
        return error;
    }

    private void assertOthersStillChat(ChatClient alice) {
        try (ChatClient carol = ChatClient.join(base, "/chat/" + "after-bad-input?name=carol")) {
            alice.send("anyone there?");
            alice.awaitText("anyone there?");
            carol.send("yes");
            carol.awaitText("yes");
        }
    }
}
