package dev.chat.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.support.RawWebSocket;
import dev.chat.support.Urls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The {@code handshake} frame a page asks for with {@code wire=1}: an ordinary connection never gets one;
 * an asking one gets it first, with the request it sent and the 101 it received, its
 * {@code Sec-WebSocket-Accept} the one RFC 6455 derives from the key, and no credential echoed.
 */
@QuarkusTest
class HandshakeEchoTest {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void anOrdinaryConnectionOpensWithWelcomeAndNoHandshake() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(base, "/chat/echo-plain?name=ann"))) {
            assertEquals("welcome", frame(ws).get("type").asText());
        }
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(base, "/?name=ann&wire=0"))) {
            assertEquals("welcome", frame(ws).get("type").asText(), "only wire=1 asks");
        }
    }

    @Test
    void anAskingConnectionGetsTheHandshakeItMadeFirst() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(base, "/chat/echo-wire?name=ann&wire=1&access_token=s3cret"),
                "Cookie: session=s3cret\r\nAuthorization: Bearer s3cret\r\n"
                        + "Sec-WebSocket-Protocol: bearer-token-carrier, quarkus-http-upgrade%23Authorization%23Bearer%20s3cret\r\n")) {
            JsonNode handshake = frame(ws);
            assertEquals("handshake", handshake.get("type").asText());

            JsonNode request = handshake.get("request");
            assertEquals("GET /chat/echo-wire?name=ann&wire=1&access_token=(hidden) HTTP/1.1", request.get("line").asText());
            Map<String, String> sent = headers(request);
            assertEquals("websocket", sent.get("upgrade"));
            assertEquals("(hidden)", sent.get("cookie"));
            assertEquals("(hidden)", sent.get("authorization"));
            assertEquals("bearer-token-carrier", sent.get("sec-websocket-protocol"), "the carried token is not shown");
            assertFalse(handshake.toString().contains("s3cret"), handshake.toString());

            JsonNode response = handshake.get("response");
            assertEquals("HTTP/1.1 101 Switching Protocols", response.get("line").asText());
            String accept = headers(response).get("sec-websocket-accept");
            assertEquals(acceptFor(sent.get("sec-websocket-key")), accept);
            assertTrue(ws.handshakeResponse().toLowerCase(Locale.ROOT).contains("sec-websocket-accept: " + accept.toLowerCase(Locale.ROOT)),
                    "the frame shows the 101 the client received: " + ws.handshakeResponse());

            assertEquals("welcome", frame(ws).get("type").asText());
        }
    }

    @Test
    void theLobbyEchoesTheLecturesHandshakeToo() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(Urls.ws(base, "/?wire=1"))) {
            JsonNode handshake = frame(ws);
            assertEquals("GET /?wire=1 HTTP/1.1", handshake.get("request").get("line").asText());
            assertEquals("welcome", frame(ws).get("type").asText());
        }
    }

    /** RFC 6455 4.2.2: base64 of the SHA-1 of the key and the protocol's GUID. */
    private static String acceptFor(String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }

    private static Map<String, String> headers(JsonNode head) {
        Map<String, String> byName = new HashMap<>();
        head.get("headers").forEach(header -> byName.put(header.get("name").asText().toLowerCase(Locale.ROOT),
                header.get("value").asText()));
        return byName;
    }

    private static JsonNode frame(RawWebSocket ws) throws Exception {
        RawWebSocket.Frame frame = ws.read();
        assertEquals(RawWebSocket.TEXT, frame.opcode());
        return JSON.readTree(frame.text());
    }
}
