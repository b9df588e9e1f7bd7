package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** In open mode nobody is known, so nobody has a read mark: asking for one is forbidden and changes nothing. */
@QuarkusTest
class UnreadOpenModeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aReadMarkIsForbiddenOnEveryTransportAndNothingCarriesOne() throws Exception {
        try (ChatClient alice = ChatClient.connect(base, "/chat/open-read?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/open-read?name=bob")) {
            assertFalse(alice.expect("welcome").has("read"));
            alice.sendJson(Map.of("text", "hello"));
            long seq = alice.expect("message").get("seq").asLong();
            bob.expect("message");

            alice.sendJson(Map.of("type", "read", "seq", seq, "ref", "r1"));
            JsonNode error = alice.expect("error");
            assertEquals("forbidden", error.get("code").asText());
            assertEquals("r1", error.get("ref").asText());
            bob.expectNoMessage(300);

            assertEquals(403, Http.postJson(base, "/api/rooms/open-read/read", Map.of("seq", seq)).statusCode());
            JsonNode info = Http.body(Http.get(base, "/api/rooms/open-read"));
            assertFalse(info.has("read"));
            assertFalse(info.has("unread"));
        }
    }
}
