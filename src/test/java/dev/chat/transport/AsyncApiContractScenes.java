package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.chat.support.AsyncApiContract;
import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What both modes' contract tests drive through real sockets, with the served document checking every
 * frame: a mode only says how a user is named on a connection and on a post.
 */
abstract class AsyncApiContractScenes {

    static final String DOCUMENT = "/q/asyncapi";
    static final String LOBBY = "/";
    static final String ROOM = "/chat/{room}";
    static final String EVENTS = "/api/rooms/{room}/events";

    @TestHTTPResource("/")
    URI base;

    AsyncApiContract contract;

    /** The query that makes a connection {@code user}'s: its name, or its token. */
    abstract String as(String user);

    /** {@code user} posts {@code text} into the room over HTTP. */
    abstract HttpResponse<String> postAs(String room, String user, String text);

    Consumer<JsonNode> sentOn(String address) {
        return frame -> contract.sentOn(address, frame);
    }

    ChatClient connect(String address, String pathWithQuery) {
        return ChatClient.connect(base, pathWithQuery, sentOn(address));
    }

    /** Welcome, replay after a gap, presence, posts of both kinds, every error a client can cause, a reset. */
    void driveSocket(String address, String path, String room) {
        String query = path.contains("?") ? "&" : "?";
        try (ChatClient ada = connect(address, path + query + as("ada"))) {
            ada.expect("welcome");
            long last = postMany(room, 22);
            while (ada.expect("message").get("seq").asLong() < last) {
            }

            try (ChatClient ben = connect(address, path + query + as("ben") + "&since=0")) {
                ben.expect("welcome");
                ben.expect("gap");
                ada.expect("join");
                Map<String, Object> typing = Map.of("type", "typing");
                contract.receivedOn(address, "typingSignal", new ObjectMapper().valueToTree(typing));
                ben.sendJson(typing);
                assertEquals(room, ada.expect("typing").get("room").asText());
            }
            ada.expect("leave");

            post(ada, address, Map.of("text", "hello", "ref", "c1"));
            JsonNode hello = ada.expect("message");
            assertEquals("c1", hello.get("ref").asText());
            Map<String, Object> edit = Map.of("type", "edit", "seq", hello.get("seq").asLong(), "text", "hello, edited", "ref", "e1");
            contract.receivedOn(address, "editSignal", new ObjectMapper().valueToTree(edit));
            ada.sendJson(edit);
            assertEquals("hello, edited", ada.expect("edit").get("text").asText());
            react(ada, address, hello.get("seq").asLong(), "👍", "r1");
            assertEquals(1, ada.expect("reactions").get("reactions").get("👍").asInt());
            react(ada, address, hello.get("seq").asLong(), "👍", "r2");
            assertEquals(0, ada.expect("reactions").get("reactions").size());
            react(ada, address, last + 500, "👍", "r3");
            assertEquals("not_found", ada.expect("error").get("code").asText());
            ada.send("plain hello");
            contract.receivedOn(address, "text", TextNode.valueOf("plain hello"));
            assertEquals("plain hello", ada.expect("message").get("text").asText());

            ada.sendJson(Map.of("text", "  ", "ref", "c2"));
            assertEquals("bad_request", ada.expect("error").get("code").asText());
            ada.sendJson(Map.of("text", "x".repeat(2001), "ref", "c3"));
            assertEquals("too_long", ada.expect("error").get("code").asText());
            // A burster of its own per room: in token mode the rate limit is the user's, across tests.
            try (ChatClient cy = connect(address, path + query + as("cy-" + room))) {
                cy.expect("welcome");
                for (int i = 0; i < 30; i++) {
                    cy.send("burst " + i);
                }
                while (!"rate_limited".equals(cy.expectAny("message", "error").path("code").asText())) {
                }
            }

            // Asked for with wire=1, the handshake comes first; no other connection above received one.
            try (ChatClient wes = connect(address, path + query + as("wes") + "&wire=1")) {
                String handshake = wes.expect("handshake").toString();
                assertFalse(handshake.matches(".*access_token=(?!\\(hidden\\)).*"), "a token is never echoed: " + handshake);
                wes.expect("welcome");
            }

            long now = last + 1000;
            try (ChatClient dee = connect(address, path + query + as("dee") + "&since=" + now + "&epoch=gone")) {
                dee.expect("welcome");
                assertTrue(dee.expect("gap").get("reset").asBoolean());
            }
            ada.drain(300);
        }
    }

    /**
     * Welcome, live and replayed messages, a gap, a reset gap and presence on the event stream; the second
     * listener opens with {@code listener} as its query (empty: an anonymous one) and {@code Last-Event-ID}.
     * Returns the stream of the first listener, still open, for more.
     */
    SseClient driveStream(String room, String listener) {
        String events = "/api/rooms/" + room + "/events";
        SseClient sam = SseClient.open(base, events + "?" + as("sam"));
        read(sam, "welcome");
        long last = postMany(room, 22);
        readUntilSeq(sam, last);

        try (SseClient other = SseClient.open(base, events + (listener.isEmpty() ? "" : "?" + listener),
                Map.of("Last-Event-ID", "1"))) {
            JsonNode welcome = read(other, "welcome").json();
            assertEquals(listener.isEmpty(), welcome.path("name").isMissingNode(), "only an anonymous listener has no name");
            read(other, "gap");
            readUntilSeq(other, last);
        }
        try (SseClient behind = SseClient.open(base, events + "?" + as("tess") + "&since=" + (last + 1000))) {
            read(behind, "welcome");
            assertTrue(read(behind, "gap").json().get("reset").asBoolean());
        }
        ChatClient ben = ChatClient.join(base, "/chat/" + room + "?" + as("ben"));
        read(sam, "join");
        ben.sendJson(Map.of("type", "typing"));
        read(sam, "typing");
        ben.send("to be edited");
        long seq = ben.awaitText("to be edited").get("seq").asLong();
        ben.sendJson(Map.of("type", "edit", "seq", seq, "text", "edited"));
        assertEquals("edited", read(sam, "edit").json().get("text").asText());
        ben.sendJson(Map.of("type", "react", "seq", last, "emoji", "🎉"));
        assertEquals(last, read(sam, "reactions").json().get("seq").asLong());
        ben.close();
        read(sam, "leave");
        return sam;
    }

    void react(ChatClient client, String address, long seq, String emoji, String ref) {
        Map<String, Object> react = Map.of("type", "react", "seq", seq, "emoji", emoji, "ref", ref);
        contract.receivedOn(address, "react", new ObjectMapper().valueToTree(react));
        client.sendJson(react);
    }

    void post(ChatClient client, String address, Map<String, Object> post) {
        contract.receivedOn(address, "post", new ObjectMapper().valueToTree(post));
        client.sendJson(post);
    }

    /** Sends {@code count} messages over HTTP, from several users so the HTTP rate limit never refuses one. */
    long postMany(String room, int count) {
        long last = 0;
        for (int i = 0; i < count; i++) {
            HttpResponse<String> response = postAs(room, "poster-" + (i % 4), "filler " + i);
            assertEquals(201, response.statusCode(), response.body());
            last = Http.body(response).get("seq").asLong();
        }
        return last;
    }

    SseClient.Event read(SseClient stream, String name) {
        while (true) {
            SseClient.Event event = stream.nextRaw();
            check(event);
            if (name.equals(event.event())) {
                return event;
            }
        }
    }

    void readUntilSeq(SseClient stream, long seq) {
        while (read(stream, "message").json().get("seq").asLong() < seq) {
        }
    }

    /** An event is its frame: named by the frame's type, with the message's seq as its id and no other id. */
    void check(SseClient.Event event) {
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

    /** The close the server ended {@code client} with, as "code reason", after checking the document lists it. */
    String closeOf(ChatClient client) {
        int code = client.closeCode();
        String reason = client.closeReason();
        assertTrue(contract.documentsClose(code, reason), "undocumented close " + code + " " + reason);
        return code + " " + reason;
    }

    void assertHeld(String address) {
        assertEquals(List.of(), contract.violations(), "frames that break the document");
        assertEquals(Set.of(), contract.unseenOn(address), "documented on " + address + " but never seen");
    }
}
