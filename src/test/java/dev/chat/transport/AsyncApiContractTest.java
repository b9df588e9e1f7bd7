package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.chat.support.AsyncApiContract;
import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service held to its AsyncAPI document, over real sockets: on each channel every documented frame
 * type occurs, every frame the service sends validates against the document's schema for its
 * {@code type}, every close code and handshake refusal it uses is listed, and what the clients send is
 * what the document says they may.
 */
@QuarkusTest
class AsyncApiContractTest {

    private static final String DOCUMENT = "/q/asyncapi";
    private static final String LOBBY = "/";
    private static final String ROOM = "/chat/{room}";
    private static final String EVENTS = "/api/rooms/{room}/events";

    @TestHTTPResource("/")
    URI base;

    private AsyncApiContract contract;

    @BeforeEach
    void readTheServedDocument() {
        contract = AsyncApiContract.served(base, DOCUMENT);
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
        assertEquals(Set.of(LOBBY, ROOM, EVENTS), contract.channels());
    }

    @Test
    void theLobbySocketSpeaksAsDocumented() {
        driveSocket(LOBBY, "/", "lobby");
        assertHeld(LOBBY);
    }

    @Test
    void aRoomSocketSpeaksAsDocumented() {
        driveSocket(ROOM, "/chat/contract-ws", "contract-ws");
        assertHeld(ROOM);
    }

    @Test
    void theEventStreamSpeaksAsDocumented() {
        String room = "contract-sse";
        String events = "/api/rooms/" + room + "/events";
        try (SseClient sam = SseClient.open(base, events + "?name=sam")) {
            read(sam, "welcome");
            long last = postMany(room, 22);
            readUntilSeq(sam, last);

            try (SseClient anonymous = SseClient.open(base, events, Map.of("Last-Event-ID", "1"))) {
                assertTrue(read(anonymous, "welcome").json().path("name").isMissingNode(), "an anonymous listener has no name");
                read(anonymous, "gap");
                readUntilSeq(anonymous, last);
            }
            try (SseClient behind = SseClient.open(base, events + "?since=" + (last + 1000))) {
                read(behind, "welcome");
                assertTrue(read(behind, "gap").json().get("reset").asBoolean());
            }
            ChatClient ben = ChatClient.join(base, "/chat/" + room + "?name=ben");
            read(sam, "join");
            ben.close();
            read(sam, "leave");
            sam.remaining().forEach(this::check);
        }
        assertHeld(EVENTS);
    }

    @Test
    void everyCloseCodeAndRefusalTheSocketsUseIsDocumented() {
        Set<Integer> used = new TreeSet<>();
        try (ChatClient binary = ChatClient.join(base, "/chat/contract-close")) {
            binary.sendBinary(new byte[] { 1 });
            used.add(binary.closeCode());
        }
        try (ChatClient huge = ChatClient.join(base, "/chat/contract-close")) {
            huge.send("x".repeat(65 * 1024));
            used.add(huge.closeCode());
        }
        try (ChatClient flood = ChatClient.join(base, "/chat/contract-close")) {
            for (int i = 0; i < 45 && flood.trySend("flood " + i); i++) {
            }
            used.add(flood.closeCode());
        }
        assertEquals(Set.of(1003, 1008, 1009), used);
        assertTrue(contract.listed("websocket", "x-close-codes", "code").containsAll(used), used.toString());

        Set<Integer> refusals = new TreeSet<>(List.of(ChatClient.refusal(base, "/chat/Not-A-Room", Map.of()),
                ChatClient.refusal(base, "/chat/lobby?name=" + "n".repeat(40), Map.of()),
                ChatClient.refusal(base, "/chat/lobby", Map.of("Origin", "https://evil.example"))));
        assertEquals(Set.of(400, 403), refusals);
        assertTrue(contract.listed("websocket", "x-handshake-refusals", "status").containsAll(refusals));
    }

    /** Welcome, replay after a gap, presence, posts of both kinds, every error a client can cause, a reset. */
    private void driveSocket(String address, String path, String room) {
        Consumer<JsonNode> sent = frame -> contract.sentOn(address, frame);
        String query = path.contains("?") ? "&" : "?";
        try (ChatClient ada = ChatClient.connect(base, path + query + "name=ada", sent)) {
            ada.expect("welcome");
            long last = postMany(room, 22);
            while (ada.expect("message").get("seq").asLong() < last) {
            }

            try (ChatClient ben = ChatClient.connect(base, path + query + "name=ben&since=0", sent)) {
                ben.expect("welcome");
                ben.expect("gap");
                ada.expect("join");
            }
            ada.expect("leave");

            post(ada, address, Map.of("text", "hello", "ref", "c1"));
            assertEquals("c1", ada.expect("message").get("ref").asText());
            ada.send("plain hello");
            contract.receivedOn(address, "text", TextNode.valueOf("plain hello"));
            assertEquals("plain hello", ada.expect("message").get("text").asText());

            ada.sendJson(Map.of("text", "  ", "ref", "c2"));
            assertEquals("bad_request", ada.expect("error").get("code").asText());
            ada.sendJson(Map.of("text", "x".repeat(2001), "ref", "c3"));
            assertEquals("too_long", ada.expect("error").get("code").asText());
            try (ChatClient cy = ChatClient.connect(base, path + query + "name=cy", sent)) {
                cy.expect("welcome");
                for (int i = 0; i < 30; i++) {
                    cy.send("burst " + i);
                }
                while (!"rate_limited".equals(cy.expectAny("message", "error").path("code").asText())) {
                }
            }

            long now = last + 1000;
            try (ChatClient dee = ChatClient.connect(base, path + query + "name=dee&since=" + now + "&epoch=gone", sent)) {
                dee.expect("welcome");
                assertTrue(dee.expect("gap").get("reset").asBoolean());
            }
            ada.drain(300);
        }
    }

    private void post(ChatClient client, String address, Map<String, Object> post) {
        contract.receivedOn(address, "post", new ObjectMapper().valueToTree(post));
        client.sendJson(post);
    }

    /** Sends {@code count} messages over HTTP, from several names so the HTTP rate limit never refuses one. */
    private long postMany(String room, int count) {
        long last = 0;
        for (int i = 0; i < count; i++) {
            var response = Http.postJson(base, "/api/rooms/" + room + "/messages",
                    Map.of("name", "poster " + (i % 4), "text", "filler " + i));
            assertEquals(201, response.statusCode(), response.body());
            last = Http.body(response).get("seq").asLong();
        }
        return last;
    }

    private SseClient.Event read(SseClient stream, String name) {
        while (true) {
            SseClient.Event event = stream.nextRaw();
            check(event);
            if (name.equals(event.event())) {
                return event;
            }
        }
    }

    private void readUntilSeq(SseClient stream, long seq) {
        while (read(stream, "message").json().get("seq").asLong() < seq) {
        }
    }

    /** An event is its frame: named by the frame's type, with the message's seq as its id and no other id. */
    private void check(SseClient.Event event) {
        if (event.comment() != null || event.data() == null) {
            return;
        }
        JsonNode frame = event.json();
        contract.sentOn(EVENTS, frame);
        assertEquals(frame.path("type").asText(), event.event());
        if (event.event().equals("message")) {
            assertEquals(frame.get("seq").asText(), event.id());
        } else {
            assertNull(event.id(), event.toString());
        }
    }

    private void assertHeld(String address) {
        assertEquals(List.of(), contract.violations(), "frames that break the document");
        assertEquals(Set.of(), contract.unseenOn(address), "documented on " + address + " but never seen");
    }
}
