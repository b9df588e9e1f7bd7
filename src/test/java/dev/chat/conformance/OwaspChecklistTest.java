package dev.chat.conformance;

import static dev.chat.support.RawWebSocket.BINARY;
import static dev.chat.support.RawWebSocket.FIN;
import static dev.chat.support.RawWebSocket.PING;
import static dev.chat.support.RawWebSocket.TEXT;
import static dev.chat.support.RawWebSocket.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.RawWebSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The OWASP WebSocket checklist items not already proved elsewhere, against the real chat endpoint:
 * idle connections are pinged and pings answered, compression is off, nothing a client wrote reaches
 * the logs, and the page carries its security headers. (Origin allow-list: {@code HandshakeTest}; size
 * and rate limits: {@code BadInputTest} and {@link MalformedFrameTest}.)
 */
@QuarkusTest
@TestProfile(OwaspChecklistTest.QuickPingsAndDebugLogs.class)
class OwaspChecklistTest {

    public static class QuickPingsAndDebugLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.websocket.ping-interval", "1s",
                    "quarkus.log.category.\"dev.chat\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.websockets.next\".level", "DEBUG");
        }
    }

    @TestHTTPResource("/chat/owasp")
    URI room;

    @TestHTTPResource("/")
    URI base;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
                line.append(' ').append(thrown);
            }
            logged.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void anIdleConnectionIsPingedAndAPingIsAnswered() throws Exception {
        try (RawWebSocket idle = RawWebSocket.connect(room)) {
            assertEquals(PING & 0x0F, firstControlFrame(idle).opcode(), "the server pings a silent client");

            idle.send(frame(FIN | PING, "are you there".getBytes(StandardCharsets.UTF_8)));
            RawWebSocket.Frame pong = firstFrameOf(idle, 0xA);
            assertEquals("are you there", pong.text());
        }
    }

    @Test
    void compressionIsNotNegotiatedEvenWhenOffered() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(room,
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            assertFalse(client.handshakeResponse().toLowerCase().contains("sec-websocket-extensions"),
                    client.handshakeResponse());
        }
    }

    @Test
    void nothingAClientWritesReachesTheLogs() throws Exception {
        String secret = "body-" + UUID.randomUUID();
        try (ChatClient bystander = ChatClient.join(base, "/chat/owasp?name=bystander")) {
            try (ChatClient sender = ChatClient.join(base, "/chat/owasp?name=sender")) {
                sender.send(secret);
                sender.sendJson(Map.of("text", secret + "x".repeat(3000), "ref", "ref-" + secret));
                sender.sendJson(Map.of("text", " ", "ref", secret));
            }
            try (RawWebSocket hostile = RawWebSocket.connect(room)) {
                hostile.send(frame(FIN | BINARY, secret.getBytes(StandardCharsets.UTF_8)));
                hostile.awaitClose();
            }
            try (RawWebSocket hostile = RawWebSocket.connect(room)) {
                byte[] invalid = (secret + "\u00e9").getBytes(StandardCharsets.ISO_8859_1);
                hostile.send(frame(FIN | TEXT, invalid));
                hostile.awaitClose();
            }
            HttpResponse<String> refused = Http.postJson(base, "/api/rooms/owasp/messages",
                    Map.of("text", secret + "y".repeat(3000)));
            assertEquals(413, refused.statusCode());
            bystander.awaitText(secret);
        }
        assertTrue(logged.size() > 0, "the capture saw the service's own log records");
        assertTrue(logged.stream().noneMatch(line -> line.contains(secret)),
                "a log line carries a client's text: " + logged.stream().filter(l -> l.contains(secret)).toList());
    }

    @Test
    void thePageCarriesItsSecurityHeaders() {
        HttpResponse<String> page = Http.get(base, "/");
        assertEquals(200, page.statusCode());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
    }

    private static RawWebSocket.Frame firstControlFrame(RawWebSocket socket) throws Exception {
        RawWebSocket.Frame frame = socket.read();
        while (frame.opcode() < 0x8) {
            frame = socket.read();
        }
        return frame;
    }

    private static RawWebSocket.Frame firstFrameOf(RawWebSocket socket, int opcode) throws Exception {
        RawWebSocket.Frame frame = socket.read();
        while (frame.opcode() != opcode) {
            frame = socket.read();
        }
        return frame;
    }
}
