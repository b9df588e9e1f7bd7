package dev.chat.conformance;

import static dev.chat.support.RawWebSocket.BINARY;
import static dev.chat.support.RawWebSocket.CONTINUATION;
import static dev.chat.support.RawWebSocket.FIN;
import static dev.chat.support.RawWebSocket.PING;
import static dev.chat.support.RawWebSocket.TEXT;
import static dev.chat.support.RawWebSocket.frame;
import static dev.chat.support.RawWebSocket.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.support.RawWebSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends, over raw sockets, the malformed frames that take down naive WebSocket servers and
 * checks that only the offending connection is closed, with the status code RFC 6455 asks
 * for, while another connection on the same server keeps working.
 */
@QuarkusTest
class MalformedFrameTest {

    private static final int PROTOCOL_ERROR = 1002;
    private static final int INVALID_PAYLOAD = 1007;
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final int MAX_MESSAGE_SIZE = 64 * 1024;

    /** 0xC0 0xAF is an overlong encoding of '/'; 0xED 0xA0 0x80 is the surrogate U+D800. */
    private static final byte[] OVERLONG_SLASH = {(byte) 0xC0, (byte) 0xAF};
    private static final byte[] SURROGATE = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};

    @TestHTTPResource("/conformance/echo")
    URI echo;

    static Stream<Arguments> malformedInput() {
        return Stream.of(
                Arguments.of("ping whose payload needs the 16-bit length field (126 bytes)",
                        frame(FIN | PING, new byte[126]), PROTOCOL_ERROR),
                Arguments.of("text frame with RSV1 set", frame(FIN | 0x40 | TEXT, ascii("hi")), PROTOCOL_ERROR),
                Arguments.of("text frame with RSV3 set", frame(FIN | 0x10 | TEXT, ascii("hi")), PROTOCOL_ERROR),
                Arguments.of("reserved data opcode 0x3", frame(FIN | 0x3, ascii("hi")), PROTOCOL_ERROR),
                Arguments.of("reserved control opcode 0xB", frame(FIN | 0xB, ascii("hi")), PROTOCOL_ERROR),
                Arguments.of("unmasked client frame", frame(FIN | TEXT, ascii("hi"), false), PROTOCOL_ERROR),
                Arguments.of("fragmented ping", frame(PING, ascii("hi")), PROTOCOL_ERROR),
                Arguments.of("continuation with nothing to continue", frame(FIN | CONTINUATION, ascii("hi")),
                        PROTOCOL_ERROR),
                Arguments.of("new text frame inside a fragmented message",
                        concat(frame(TEXT, ascii("a")), frame(FIN | TEXT, ascii("b"))), PROTOCOL_ERROR),
                Arguments.of("close frame with reserved status 1004", frame(FIN | 0x8, new byte[] {0x03, (byte) 0xEC}),
                        PROTOCOL_ERROR),
                Arguments.of("text with an overlong encoding", frame(FIN | TEXT, OVERLONG_SLASH), INVALID_PAYLOAD),
                Arguments.of("text with a UTF-16 surrogate", frame(FIN | TEXT, SURROGATE), INVALID_PAYLOAD),
                Arguments.of("text ending inside a code point", frame(FIN | TEXT, new byte[] {'a', (byte) 0xE2, (byte) 0x82}),
                        INVALID_PAYLOAD),
                Arguments.of("binary message one byte over the limit",
                        frame(FIN | BINARY, new byte[MAX_MESSAGE_SIZE + 1]), MESSAGE_TOO_BIG),
                Arguments.of("message over the limit in fragments that are each within it",
                        concat(frame(BINARY, new byte[MAX_MESSAGE_SIZE]), frame(FIN | CONTINUATION, new byte[1])),
                        MESSAGE_TOO_BIG));
    }

    @ParameterizedTest(name = "{0} closes with {2}")
    @MethodSource("malformedInput")
    void closesOnlyTheOffendingConnection(String what, byte[] offending, int expectedCode) throws Exception {
        try (RawWebSocket bystander = RawWebSocket.connect(echo); RawWebSocket offender = RawWebSocket.connect(echo)) {
            assertEchoes(bystander, "before");

            offender.send(offending);

            assertEquals(expectedCode, offender.awaitClose(), what);
            assertTrue(offender.closedByServer(), "server keeps the TCP connection open after: " + what);
            assertEchoes(bystander, "after");
        }
    }

    @ParameterizedTest(name = "invalid UTF-8 in the first fragment closes before the message ends")
    @MethodSource("invalidFirstFragments")
    void invalidTextFailsAtTheFirstBadFragment(byte[] firstFragment) throws Exception {
        try (RawWebSocket offender = RawWebSocket.connect(echo)) {
            offender.send(frame(TEXT, firstFragment));

            assertEquals(INVALID_PAYLOAD, offender.awaitClose());
        }
    }

    static Stream<byte[]> invalidFirstFragments() {
        return Stream.of(OVERLONG_SLASH, SURROGATE, new byte[] {'o', 'k', (byte) 0xFF});
    }

    @ParameterizedTest(name = "valid {0} is echoed")
    @MethodSource("validInput")
    void validInputAtTheEdgesIsEchoed(String what, byte[] frames, String expected) throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(echo)) {
            client.send(frames);

            assertEquals(expected, client.read().text(), what);
        }
    }

    static Stream<Arguments> validInput() {
        String atLimit = "x".repeat(MAX_MESSAGE_SIZE - 4) + "\uD83D\uDE00";
        byte[] euro = "\u20AC".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("message of exactly the limit, ending in a 4-byte code point", text(atLimit), atLimit),
                Arguments.of("code point split across fragments",
                        concat(frame(TEXT, Arrays.copyOf(euro, 1)), frame(FIN | CONTINUATION, Arrays.copyOfRange(euro, 1, 3))),
                        "\u20AC"),
                Arguments.of("fragmented message with an empty first fragment",
                        concat(frame(TEXT, new byte[0]), frame(CONTINUATION, ascii("mid")), frame(FIN | CONTINUATION, new byte[0])),
                        "mid"),
                Arguments.of("ping between fragments", concat(frame(TEXT, ascii("a")), frame(FIN | PING, ascii("p")),
                        frame(FIN | CONTINUATION, ascii("b"))), "p"));
    }

    private static void assertEchoes(RawWebSocket client, String text) throws Exception {
        client.send(text(text));
        assertEquals(text, client.read().text());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... frames) {
        int length = Arrays.stream(frames).mapToInt(f -> f.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, all, at, frame.length);
            at += frame.length;
        }
        return all;
    }
}
