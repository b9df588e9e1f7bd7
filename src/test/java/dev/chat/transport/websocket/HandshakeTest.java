package dev.chat.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** What happens at the door: the lecture's raw handshake, and every refusal before the upgrade. */
@QuarkusTest
class HandshakeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theLecturesRawHandshakeIsAcceptedAndGreeted() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 Switching Protocols"), head);
            assertTrue(head.toLowerCase().contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="), head);

            int opcode = in.read() & 0x0F;
            assertEquals(0x1, opcode, "the first frame is text");
            int length = in.read() & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            }
            String welcome = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            assertTrue(welcome.startsWith("{\"type\":\"welcome\",\"text\":\"Welcome\",\"room\":\"lobby\""), welcome);
        }
    }

    @Test
    void aForeignBrowserOriginIsRefusedWith403() {
        assertEquals(403, ChatClient.refusal(base, "/chat/lobby", Map.of("Origin", "https://evil.example")));
        assertEquals(403, ChatClient.refusal(base, "/", Map.of("Origin", "null")));
    }

    @Test
    void theSameOriginAndAnAllowedOriginAreWelcome() {
        String self = "http://" + base.getHost() + ":" + base.getPort();
        try (ChatClient client = ChatClient.connect(base, "/chat/lobby", Map.of("Origin", self))) {
            assertEquals("welcome", client.next().get("type").asText());
        }
        try (ChatClient client = ChatClient.connect(base, "/chat/lobby", Map.of("Origin", "https://friend.example"))) {
            assertEquals("welcome", client.next().get("type").asText());
        }
    }

    @Test
    void aBadRoomNameIsRefusedWith400() {
        assertEquals(400, ChatClient.refusal(base, "/chat/Lobby", Map.of()));
        assertEquals(400, ChatClient.refusal(base, "/chat/-dash-first", Map.of()));
        assertEquals(400, ChatClient.refusal(base, "/chat/" + "a".repeat(65), Map.of()));
        assertEquals(400, ChatClient.refusal(base, "/chat/semi%3Bcolon", Map.of()));
    }

    @Test
    void aBadNameOrResumePositionIsRefusedWith400() {
        assertEquals(400, ChatClient.refusal(base, "/chat/lobby?name=%3Cscript%3E", Map.of()));
        assertEquals(400, ChatClient.refusal(base, "/chat/lobby?name=" + "n".repeat(33), Map.of()));
        assertEquals(400, ChatClient.refusal(base, "/chat/lobby?name=%20%20", Map.of()));
        assertEquals(400, ChatClient.refusal(base, "/chat/lobby?since=soon", Map.of()));
        assertEquals(101, ChatClient.refusal(base, "/chat/lobby?name=Zo%C3%AB%20O.%20-_1", Map.of()));
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
