package dev.chat.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.HooksProfile;
import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The application's server key: speak as anyone in any room without a rate limit, and moderate; a wrong key gets 401. */
@QuarkusTest
@TestProfile(HooksProfile.class)
class ServerKeyTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBotPostsUnderAnyNameFarPastThePerSenderLimit() {
        try (ChatClient alice = ChatClient.join(base, "/chat/key-bot?name=alice")) {
            // The per-sender bucket holds 20; the key has none.
            for (int i = 1; i <= 60; i++) {
                HttpResponse<String> posted = post("/api/rooms/key-bot/messages", HooksProfile.API_KEY,
                        Map.of("name", "System", "text", "notice " + i));
                assertEquals(201, posted.statusCode(), posted.body());
            }
            assertEquals("System", alice.awaitText("notice 60").get("from").asText());
        }
    }

    @Test
    void aWrongKeyIsRefusedAndNeverLogged() throws Exception {
        String wrong = "not-the-key-" + System.nanoTime();
        HttpResponse<String> posted = post("/api/rooms/key-bot/messages", wrong, Map.of("name", "System", "text", "hi"));
        assertEquals(401, posted.statusCode());
        assertEquals("invalid API key", Http.body(posted).get("error").asText());
        HttpResponse<String> deleted = Http.send(HttpRequest.newBuilder(URI.create(base + "api/users/anyone/connections"))
                .header("X-API-Key", wrong).DELETE());
        assertEquals(401, deleted.statusCode());
        String log = Files.readString(Path.of(HooksProfile.LOG));
        assertFalse(log.isEmpty(), "the service logs to the file read here");
        assertFalse(log.contains(wrong));
        assertFalse(log.contains(HooksProfile.API_KEY));
    }

    @Test
    void theKeyDeletesMessagesAndDisconnectsUsers() {
        try (ChatClient alice = ChatClient.join(base, "/chat/key-moderate?name=alice")) {
            alice.send("to be removed");
            long seq = alice.awaitText("to be removed").get("seq").asLong();
            assertEquals(204, Http.send(HttpRequest.newBuilder(URI.create(base + "api/rooms/key-moderate/messages/" + seq))
                    .header("X-API-Key", HooksProfile.API_KEY).DELETE()).statusCode());
            assertEquals(seq, alice.expect("delete").get("seq").asLong());
            assertEquals(204, Http.send(HttpRequest.newBuilder(URI.create(base + "api/users/someone/connections"))
                    .header("X-API-Key", HooksProfile.API_KEY).DELETE()).statusCode());
        }
    }

    private HttpResponse<String> post(String path, String key, Map<String, Object> body) {
        return Http.post(base, path, "application/json", Http.json(body), Map.of("X-API-Key", key));
    }
}
