package dev.chat.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.TokenIssuer;
import dev.chat.support.TokenProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** In token mode the server key and users' tokens work side by side; neither stands in for the other. */
@QuarkusTest
@TestProfile(ServerKeyBesideTokensTest.TokensAndAKey.class)
class ServerKeyBesideTokensTest {

    static final String KEY = "token-mode-server-key";

    public static class TokensAndAKey extends TokenProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("chat.api.keys", KEY);
            return config;
        }
    }

    @TestHTTPResource("/")
    URI base;

    /** The application reads who is in a room, each person once with their uid, in a room no token granted it. */
    @Test
    void theKeyReadsPresenceWithUids() {
        String room = "team-presence-" + System.nanoTime();
        TokenIssuer issuer = TokenProfile.issuer();
        String vera = issuer.sign(issuer.claims("vera-id", 60).claim("name", "Vera").claim("rooms", List.of(room)), issuer.rsa());
        try (ChatClient client = ChatClient.join(base, "/chat/" + room + "?access_token=" + vera)) {
            HttpResponse<String> read = Http.send(HttpRequest.newBuilder(URI.create(base + "api/rooms/" + room))
                    .header("X-API-Key", KEY));
            assertEquals(200, read.statusCode(), read.body());
            JsonNode people = Http.body(read).get("people");
            assertEquals(1, people.size(), read.body());
            assertEquals("vera-id", people.get(0).get("uid").asText());
            assertEquals("Vera", people.get(0).get("name").asText());
        }
    }

    @Test
    void aUserWithATokenAndTheApplicationWithItsKeyBothPost() {
        TokenIssuer issuer = TokenProfile.issuer();
        String token = issuer.token("ulla", 60);
        try (ChatClient ulla = ChatClient.join(base, "/chat/lobby?access_token=" + token)) {
            assertEquals(201, Http.post(base, "/api/rooms/lobby/messages", "application/json", Http.json(Map.of("text", "from ulla")),
                    Map.of("Authorization", "Bearer " + token)).statusCode());
            assertEquals(201, Http.post(base, "/api/rooms/team-secret/messages", "application/json",
                    Http.json(Map.of("name", "Deploy bot", "text", "into a room no token granted")), Map.of("X-API-Key", KEY))
                    .statusCode());
            assertEquals(201, Http.post(base, "/api/rooms/lobby/messages", "application/json",
                    Http.json(Map.of("name", "System", "text", "maintenance at noon")), Map.of("X-API-Key", KEY)).statusCode());
            assertEquals("System", ulla.awaitText("maintenance at noon").get("from").asText());

            assertEquals(401, Http.post(base, "/api/rooms/lobby/messages", "application/json",
                    Http.json(Map.of("text", "nobody")), Map.of()).statusCode());
            assertEquals(401, Http.post(base, "/api/rooms/lobby/messages", "application/json", Http.json(Map.of("text", "a wrong key")),
                    Map.of("X-API-Key", KEY + "x", "Authorization", "Bearer " + token)).statusCode(),
                    "a wrong key is refused even beside a valid token");
            assertEquals(403, Http.send(HttpRequest.newBuilder(URI.create(base + "api/users/ulla/connections"))
                    .header("Authorization", "Bearer " + token).DELETE()).statusCode(), "a user's token is no key");
            assertEquals(204, Http.send(HttpRequest.newBuilder(URI.create(base + "api/users/ulla/connections"))
                    .header("X-API-Key", KEY).DELETE()).statusCode());
            ulla.expectClose(1008);
        }
    }
}
