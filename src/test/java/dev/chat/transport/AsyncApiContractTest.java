package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.chat.support.AsyncApiContract;
import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service in open mode held to its AsyncAPI document, over real sockets: on each channel every
 * documented frame type of open mode occurs, every frame the service sends validates against the
 * document's schema for its {@code type}, no token-mode frame appears, every close code and handshake
 * refusal it uses is listed, and what the clients send is what the document says they may.
 */
@QuarkusTest
class AsyncApiContractTest extends AsyncApiContractScenes {

    @BeforeEach
    void readTheServedDocument() {
        contract = AsyncApiContract.served(base, DOCUMENT, "open");
    }

    @Override
    String as(String user) {
        return "name=" + user;
    }

    @Override
    HttpResponse<String> postAs(String room, String user, String text) {
        return Http.postJson(base, "/api/rooms/" + room + "/messages", Map.of("name", user, "text", text));
    }

    @Test
    void theDocumentIsServedAsAsyncApi3InYamlAndJson() throws Exception {
        var yaml = Http.get(base, DOCUMENT);
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(yaml.body());
        assertEquals("3.0.0", document.get("asyncapi").asText());
        var json = Http.get(base, DOCUMENT + "?format=json");
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElse(""));
        assertEquals(document, Http.body(json));
        assertEquals(Set.of(LOBBY, ROOM, EVENTS, "{publishUrl}", "{eventsUrl}"), contract.channels());
    }

    @Test
    void theLobbySocketSpeaksAsDocumented() {
        driveSocket(LOBBY, "/", "lobby");
        refreshWithoutAToken(LOBBY, "/");
        assertHeld(LOBBY);
    }

    @Test
    void aRoomSocketSpeaksAsDocumented() {
        driveSocket(ROOM, "/chat/contract-ws", "contract-ws");
        refreshWithoutAToken(ROOM, "/chat/contract-ws");
        assertHeld(ROOM);
    }

    @Test
    void theEventStreamSpeaksAsDocumented() {
        try (SseClient sam = driveStream("contract-sse", "")) {
            sam.remaining().forEach(this::check);
        }
        assertHeld(EVENTS);
    }

    @Test
    void everyCloseCodeAndRefusalTheSocketsUseIsDocumented() {
        Set<String> used = new TreeSet<>();
        try (ChatClient binary = ChatClient.join(base, "/chat/contract-close")) {
            binary.sendBinary(new byte[] { 1 });
            used.add(closeOf(binary));
        }
        try (ChatClient huge = ChatClient.join(base, "/chat/contract-close")) {
            huge.send("x".repeat(65 * 1024));
            used.add(closeOf(huge));
        }
        try (ChatClient flood = ChatClient.join(base, "/chat/contract-close")) {
            for (int i = 0; i < 45 && flood.trySend("flood " + i); i++) {
            }
            used.add(closeOf(flood));
        }
        assertEquals(Set.of(1003, 1008, 1009), new TreeSet<>(used.stream().map(close -> Integer.valueOf(close.split(" ")[0])).toList()));
        assertTrue(used.contains("1008 rate limit exceeded"), used.toString());

        Set<Integer> refusals = new TreeSet<>(List.of(ChatClient.refusal(base, "/chat/Not-A-Room", Map.of()),
                ChatClient.refusal(base, "/chat/lobby?name=" + "n".repeat(40), Map.of()),
                ChatClient.refusal(base, "/chat/lobby", Map.of("Origin", "https://evil.example"))));
        assertEquals(Set.of(400, 403), refusals);
        assertTrue(contract.listed("websocket", "x-handshake-refusals", "status").containsAll(refusals));

        Set<Integer> streamRefusals = new TreeSet<>(List.of(Http.get(base, "/api/rooms/Not-A-Room/events").statusCode(),
                Http.get(base, "/api/rooms/lobby/events?since=minus-one").statusCode()));
        assertEquals(Set.of(400), streamRefusals);
        assertTrue(contract.listed("http", "x-refusals", "status").containsAll(streamRefusals));
    }

    /** Open mode has no token to refresh: the document says a refresh is answered {@code bad_request}. */
    private void refreshWithoutAToken(String address, String path) {
        try (ChatClient ivy = connect(address, path + "?name=ivy")) {
            ivy.expect("welcome");
            Map<String, Object> refresh = Map.of("type", "refresh", "token", "not-a-token", "ref", "r1");
            contract.receivedOn(address, "refresh", new ObjectMapper().valueToTree(refresh));
            ivy.sendJson(refresh);
            JsonNode refused = ivy.next();
            while (!refused.path("type").asText().equals("error")) {
                refused = ivy.next();
            }
            assertEquals("bad_request", refused.get("code").asText());
            assertEquals("r1", refused.get("ref").asText());
        }
    }

}
