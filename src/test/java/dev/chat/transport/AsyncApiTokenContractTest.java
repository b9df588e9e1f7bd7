package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.support.AsyncApiContract;
import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.TokenIssuer;
import dev.chat.support.TokenProfile;
import dev.chat.support.Urls;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The service in token mode held to the same AsyncAPI document: everything open mode shows, with the
 * identity the token stamps ({@code uid}, {@code exp}, names longer than a chosen one may be), and every
 * frame only token mode has: a refresh and its answers, a moderator's delete and the tombstone replay
 * keeps, on every channel. The token rides in the query, a header and the subprotocol; the closes that
 * end a token's connection and the refusals before one opens are listed with their reasons.
 */
@QuarkusTest
@TestProfile(TokenProfile.class)
class AsyncApiTokenContractTest extends AsyncApiContractScenes {

    private static final String GRANTED = "team-contract";

    @BeforeEach
    void readTheServedDocument() {
        contract = AsyncApiContract.served(base, DOCUMENT, "token");
    }

    @Override
    String as(String user) {
        return "access_token=" + token(user, 120);
    }

    @Override
    HttpResponse<String> postAs(String room, String user, String text) {
        return Http.post(base, "/api/rooms/" + room + "/messages", "application/json", Http.json(Map.of("text", text)),
                Map.of("Authorization", "Bearer " + token(user, 60)));
    }

    @Test
    void theLobbySocketSpeaksAsDocumented() {
        driveSocket(LOBBY, "/", "lobby");
        String token = token("kim", 60);
        String carried = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                .replace("+", "%20");
        try (ChatClient kim = ChatClient.connect(base, "/", Map.of(), List.of("bearer-token-carrier", carried), sentOn(LOBBY))) {
            driveTokenFrames(LOBBY, "/", "lobby", kim);
        }
        assertHeld(LOBBY);
    }

    @Test
    void aRoomSocketSpeaksAsDocumented() {
        String path = "/chat/open-contract-ws";
        driveSocket(ROOM, path, "open-contract-ws");
        try (ChatClient kim = ChatClient.connect(base, path, Map.of("Authorization", "Bearer " + token("kim", 60)), List.of(),
                sentOn(ROOM))) {
            driveTokenFrames(ROOM, path, "open-contract-ws", kim);
        }
        assertHeld(ROOM);
    }

    @Test
    void theEventStreamSpeaksAsDocumented() {
        String room = "open-contract-sse";
        try (SseClient sam = driveStream(room, as("una"))) {
            long doomed = Http.body(postAs(room, "vic", "soon gone")).get("seq").asLong();
            readUntilSeq(sam, doomed);
            assertEquals(204, moderate("/api/rooms/" + room + "/messages/" + doomed));
            assertEquals(doomed, read(sam, "delete").json().get("seq").asLong());
            assertEquals(204, Http.post(base, "/api/rooms/" + room + "/read", "application/json", Http.json(Map.of("seq", doomed)),
                    Map.of("Authorization", "Bearer " + token("sam", 60))).statusCode());
            assertEquals(doomed, read(sam, "read").json().get("seq").asLong());
            try (SseClient late = SseClient.open(base, "/api/rooms/" + room + "/events?" + as("wes"),
                    Map.of("Last-Event-ID", Long.toString(doomed - 1)))) {
                assertTombstone(read(late, "message").json(), doomed);
            }
            sam.remaining().forEach(this::check);
        }
        assertHeld(EVENTS);
    }

    @Test
    void everyCloseAndRefusalOfATokenIsDocumented() {
        Set<String> used = new TreeSet<>();
        try (ChatClient expiring = connect(ROOM, "/chat/open-contract-close?access_token=" + token("eve", 3))) {
            used.add(closeOf(expiring));
        }
        try (ChatClient demoted = connect(ROOM, "/chat/" + GRANTED + "?" + as("dan"))) {
            demoted.expect("welcome");
            refresh(ROOM, demoted, tokenFor("dan", 60, List.of("team-elsewhere")), "r9");
            used.add(closeOf(demoted));
        }
        try (ChatClient troll = connect(ROOM, "/chat/open-contract-close?" + as("troll"))) {
            troll.expect("welcome");
            assertEquals(204, moderate("/api/users/troll/connections"));
            used.add(closeOf(troll));
        }
        assertEquals(Set.of("1008 disconnected by a moderator", "1008 room not granted", "1008 token expired"), used);

        List<ChatClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(ChatClient.join(base, "/chat/lobby?" + as("many")));
            }
            Set<Integer> refusals = new TreeSet<>(List.of(ChatClient.refusal(base, "/chat/lobby", Map.of()),
                    ChatClient.refusal(base, "/chat/lobby?access_token=" + TokenProfile.issuer().unsigned("ann", 60), Map.of()),
                    ChatClient.refusal(base, "/chat/team-secret?" + as("ann"), Map.of()),
                    ChatClient.refusal(base, "/chat/lobby?" + as("many"), Map.of())));
            assertEquals(Set.of(401, 403, 429), refusals);
            assertTrue(contract.listed("websocket", "x-handshake-refusals", "status").containsAll(refusals));

            Set<Integer> streamRefusals = new TreeSet<>(List.of(streamStatus("/api/rooms/lobby/events"),
                    streamStatus("/api/rooms/team-secret/events?" + as("ann")),
                    streamStatus("/api/rooms/lobby/events?" + as("many"))));
            assertEquals(Set.of(401, 403, 429), streamRefusals);
            assertTrue(contract.listed("http", "x-refusals", "status").containsAll(streamRefusals));
        } finally {
            held.forEach(ChatClient::close);
        }
    }

    /**
     * On a socket whose token came by subprotocol or header: the identity in welcome and message, a
     * moderator's delete and the tombstone a later replay holds, an accepted refresh and both refused ones.
     */
    private void driveTokenFrames(String address, String path, String room, ChatClient kim) {
        JsonNode welcome = until(kim, "welcome");
        assertEquals("kim", welcome.get("uid").asText());
        assertEquals(displayName("kim"), welcome.get("name").asText());
        assertTrue(displayName("kim").length() > 32, "a token's name may be longer than a chosen one");
        long exp = welcome.get("exp").asLong();

        post(kim, address, Map.of("text", "soon gone", "ref", "d1"));
        JsonNode doomed = until(kim, "message");
        while (!doomed.path("ref").asText().equals("d1")) {
            doomed = until(kim, "message");
        }
        assertEquals("kim", doomed.get("uid").asText());
        long seq = doomed.get("seq").asLong();
        assertEquals(204, moderate("/api/rooms/" + room + "/messages/" + seq));
        assertEquals(seq, until(kim, "delete").get("seq").asLong());
        String query = path.contains("?") ? "&" : "?";
        try (ChatClient late = connect(address, path + query + as("lou") + "&since=" + (seq - 1))) {
            assertTombstone(until(late, "message"), seq);
        }

        refresh(address, kim, token("kim", 600), "r1");
        assertTrue(until(kim, "refreshed").get("exp").asLong() > exp, "the connection lives on past the first token");
        refresh(address, kim, token("mallory", 600), "r2");
        JsonNode forbidden = until(kim, "error");
        assertEquals("forbidden", forbidden.get("code").asText());
        assertEquals("r2", forbidden.get("ref").asText());
        refresh(address, kim, TokenProfile.issuer().unsigned("kim", 600), "r3");
        assertEquals("unauthorized", until(kim, "error").get("code").asText());
        kim.send("still kim");
        JsonNode message = until(kim, "message");
        while (!message.path("text").asText().equals("still kim")) {
            message = until(kim, "message");
        }
        assertEquals("kim", message.get("uid").asText());
        Map<String, Object> mark = Map.of("type", "read", "seq", message.get("seq").asLong(), "ref", "m1");
        contract.receivedOn(address, "readSignal", new ObjectMapper().valueToTree(mark));
        kim.sendJson(mark);
        assertEquals(message.get("seq").asLong(), until(kim, "read").get("seq").asLong());
        kim.drain(300);
    }

    private void refresh(String address, ChatClient client, String token, String ref) {
        Map<String, Object> refresh = Map.of("type", "refresh", "token", token, "ref", ref);
        contract.receivedOn(address, "refresh", new ObjectMapper().valueToTree(refresh));
        client.sendJson(refresh);
    }

    private static void assertTombstone(JsonNode message, long seq) {
        assertEquals(seq, message.get("seq").asLong());
        assertTrue(message.path("deleted").asBoolean(), message.toString());
        assertFalse(message.has("text"), "a tombstone keeps no text: " + message);
    }

    /** The next frame of {@code type}; whatever comes before it (replay, presence) is checked by the tap and passed. */
    private static JsonNode until(ChatClient client, String type) {
        JsonNode frame = client.next();
        while (!frame.path("type").asText().equals(type)) {
            frame = client.next();
        }
        return frame;
    }

    private int streamStatus(String path) {
        try (SseClient stream = SseClient.open(base, path)) {
            return stream.status();
        }
    }

    private int moderate(String path) {
        String moderator = TokenProfile.issuer().moderator("mod", 60);
        return Http.send(HttpRequest.newBuilder(Urls.http(base, path)).DELETE().header("Authorization", "Bearer " + moderator))
                .statusCode();
    }

    private static String token(String user, long seconds) {
        return tokenFor(user, seconds, List.of(GRANTED));
    }

    private static String tokenFor(String user, long seconds, List<String> rooms) {
        TokenIssuer issuer = TokenProfile.issuer();
        return issuer.sign(issuer.claims(user, seconds).claim("name", displayName(user)).claim("rooms", rooms), issuer.rsa());
    }

    /** Longer than the 32 characters a chosen name may have, as a token's display name may be. */
    private static String displayName(String user) {
        return user + " (signed in by the test issuer)";
    }
}
