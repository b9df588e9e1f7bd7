package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.Urls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Open mode, the default, knows nothing of tokens: a stray or broken {@code Authorization} header or
 * {@code access_token} changes no answer, and no frame grows a {@code uid} or an {@code exp}.
 */
@QuarkusTest
class OpenModeTest {

    private static final Map<String, String> BROKEN = Map.of("Authorization", "Bearer not.a.token");

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBrokenTokenIsIgnoredOnEveryTransport() {
        try (ChatClient socket = ChatClient.connect(base, "/chat/open-mode?name=alice&access_token=junk", BROKEN);
                SseClient stream = SseClient.open(base, "/api/rooms/open-mode/events?name=sam&access_token=junk", BROKEN)) {
            JsonNode welcome = socket.expect("welcome");
            assertEquals("alice", welcome.get("name").asText());
            assertFalse(welcome.has("uid") || welcome.has("exp"), welcome.toString());
            assertEquals(200, stream.status());

            HttpRequest.Builder poll = HttpRequest.newBuilder(Urls.http(base, "/api/rooms/open-mode/messages?access_token=junk"))
                    .header("Authorization", "Bearer not.a.token").GET();
            assertEquals(200, Http.send(poll).statusCode());
            var posted = Http.post(base, "/api/rooms/open-mode/messages", "application/json",
                    Http.json(Map.of("name", "bob", "text", "hi")), BROKEN);
            assertEquals(201, posted.statusCode());
            assertFalse(Http.body(posted).has("uid"));
            assertEquals("bob", socket.awaitText("hi").get("from").asText());
        }
    }

    @Test
    void moderationNeedsTokenMode() {
        assertEquals(403, Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/open-mode/messages/1")).DELETE())
                .statusCode());
        assertEquals(403, Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/users/bob/connections")).DELETE())
                .statusCode());
    }
}
