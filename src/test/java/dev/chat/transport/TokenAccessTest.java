package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.TokenIssuer;
import dev.chat.support.TokenProfile;
import dev.chat.support.Urls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Token mode on every transport: the same 401 and 403 before the upgrade or the request, the token by
 * header, query or subprotocol, and the identity the server stamps from the token whatever the client says.
 */
@QuarkusTest
@TestProfile(TokenProfile.class)
class TokenAccessTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void withoutAValidTokenEveryTransportAnswers401() {
        String forged = TokenProfile.issuer().unsigned("alice", 60);
        for (String token : new String[] { null, forged }) {
            String query = token == null ? "" : "?access_token=" + token;
            assertEquals(401, ChatClient.refusal(base, "/chat/lobby" + query, Map.of()));
            assertEquals(401, ChatClient.refusal(base, "/" + query, Map.of()));
            assertEquals(401, Http.get(base, "/api/rooms/lobby/events" + query).statusCode());
            assertEquals(401, Http.get(base, "/api/rooms/lobby/messages" + query).statusCode());
            assertEquals(401, Http.get(base, "/api/rooms/lobby/messages?wait=5" + (token == null ? "" : "&access_token=" + token))
                    .statusCode());
            assertEquals(401, post("lobby", token, "hi").statusCode());
            assertEquals(401, Http.get(base, "/api/rooms/lobby" + query).statusCode());
        }
    }

    @Test
    void aRoomTheTokenDoesNotGrantIs403OnEveryTransportAndNothingIsStored() {
        String token = TokenProfile.issuer().token("bob", 60, List.of("team-blue"));
        assertEquals(403, ChatClient.refusal(base, "/chat/secret?access_token=" + token, Map.of()));
        assertEquals(403, ChatClient.refusal(base, "/chat/secret", bearer(token)));
        assertEquals(403, Http.send(get("/api/rooms/secret/events", token)).statusCode());
        assertEquals(403, Http.send(get("/api/rooms/secret/messages", token)).statusCode());
        assertEquals(403, Http.send(get("/api/rooms/secret/messages?since=0&wait=5", token)).statusCode());
        assertEquals(403, post("secret", token, "let me in").statusCode());
        String insider = TokenProfile.issuer().token("carol", 60, List.of("secret"));
        assertEquals(0, Http.body(Http.send(get("/api/rooms/secret/messages?since=0", insider))).get("lastSeq").asLong());
    }

    @Test
    void grantsAreExactNamesOrPrefixesAndPublicRoomsAreOpenToEveryValidToken() {
        String token = TokenProfile.issuer().token("dave", 60, List.of("team-*", "ops"));
        for (String room : List.of("team-red", "team-", "ops", "lobby", "open-house")) {
            try (ChatClient client = ChatClient.connect(base, "/chat/" + room + "?access_token=" + token)) {
                assertEquals(room, client.expect("welcome").get("room").asText());
            }
        }
        assertEquals(403, ChatClient.refusal(base, "/chat/opsx?access_token=" + token, Map.of()));
        assertEquals(403, ChatClient.refusal(base, "/chat/teamred?access_token=" + token, Map.of()));
        assertEquals(200, Http.send(get("/api/rooms/team-green/messages", token)).statusCode());
    }

    @Test
    void theTokenNamesTheSpeakerOnEveryTransportWhateverTheClientClaims() {
        TokenIssuer issuer = TokenProfile.issuer();
        String alice = issuer.sign(issuer.claims("alice-id", 120).claim("name", "Alice Liddell")
                .claim("preferred_username", "alice").claim("rooms", List.of("stamp")), issuer.rsa());
        String bob = issuer.sign(issuer.claims("bob-id", 120).claim("preferred_username", "bob")
                .claim("rooms", List.of("stamp")), issuer.rsa());
        String carl = issuer.token("carl-id", 120, List.of("stamp"));
        try (ChatClient socket = ChatClient.connect(base, "/chat/stamp?name=mallory&access_token=" + alice);
                SseClient stream = SseClient.open(base, "/api/rooms/stamp/events?name=mallory", bearer(bob))) {
            JsonNode welcome = socket.expect("welcome");
            assertEquals("Alice Liddell", welcome.get("name").asText());
            assertEquals("alice-id", welcome.get("uid").asText());
            long expected = Instant.now().getEpochSecond() + 120;
            assertTrue(Math.abs(welcome.get("exp").asLong() - expected) < 30, "exp of the token: " + welcome);
            assertEquals("bob", stream.next("welcome").json().get("name").asText());

            socket.sendJson(Map.of("text", "from the socket", "from", "mallory", "uid", "mallory"));
            JsonNode sent = socket.awaitText("from the socket");
            assertEquals("Alice Liddell", sent.get("from").asText());
            assertEquals("alice-id", sent.get("uid").asText());
            assertEquals("alice-id", stream.next("message").json().get("uid").asText());

            JsonNode posted = Http.body(post("stamp", carl, "from a post", "alice"));
            assertEquals("carl-id", posted.get("from").asText(), "no name claims: the display name is sub");
            assertEquals("carl-id", posted.get("uid").asText());
            JsonNode received = socket.awaitText("from a post");
            assertEquals("carl-id", received.get("uid").asText());
        }
        JsonNode history = Http.body(Http.send(get("/api/rooms/stamp/messages?since=0", bob)));
        assertEquals(List.of("alice-id", "carl-id"),
                history.get("messages").findValues("uid").stream().map(JsonNode::asText).toList());
    }

    @Test
    void theBearerTokenCarrierSubprotocolCarriesTheTokenAsBrowsersCanSendIt() {
        String token = TokenProfile.issuer().token("erin", 60);
        String carried = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                .replace("+", "%20");
        try (ChatClient client = ChatClient.connectOffering(base, "/chat/lobby", List.of("bearer-token-carrier", carried))) {
            assertEquals("erin", client.expect("welcome").get("uid").asText());
        }
    }

    @Test
    void openModeFieldsStayAbsentAndTheTokenNeverReachesTheRoom() {
        String token = TokenProfile.issuer().token("frank", 60);
        try (ChatClient client = ChatClient.join(base, "/chat/lobby?access_token=" + token)) {
            client.send("hello");
            JsonNode message = client.awaitText("hello");
            assertFalse(message.toString().contains(token));
        }
    }

    private HttpRequest.Builder get(String path, String token) {
        return HttpRequest.newBuilder(Urls.http(base, path)).header("Authorization", "Bearer " + token).GET();
    }

    private java.net.http.HttpResponse<String> post(String room, String token, String text) {
        return post(room, token, text, null);
    }

    private java.net.http.HttpResponse<String> post(String room, String token, String text, String name) {
        String body = Http.json(name == null ? Map.of("text", text) : Map.of("text", text, "name", name));
        return Http.post(base, "/api/rooms/" + room + "/messages", "application/json", body,
                token == null ? Map.of() : bearer(token));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
