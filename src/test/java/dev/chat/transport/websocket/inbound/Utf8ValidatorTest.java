package dev.chat.transport.websocket.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Compares the validator with the JDK's strict UTF-8 decoder over every short byte sequence. */
class Utf8ValidatorTest {

    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    @Test
    void agreesWithTheJdkOnAllSequencesOfOneAndTwoBytes() {
        for (int a = 0; a < 256; a++) {
            assertAgrees(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertAgrees(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void agreesWithTheJdkOnAllThreeByteSequencesAfterTheLeadsWithSpecialRanges() {
        for (int a : new int[] {0xE0, 0xE1, 0xED, 0xEE, 0xF0, 0xF4, 0xF5}) {
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) {
                    assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c});
                }
            }
        }
    }

    @Test
    void acceptsTheLargestCodePointAndRejectsOneAbove() {
        assertTrue(complete(new byte[] {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}));
        assertFalse(complete(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
    }

    @Test
    void staysInvalidAfterTheFirstBadByte() {
        Utf8Validator validator = new Utf8Validator();
        assertFalse(validator.process((byte) 0xFF));
        assertFalse(validator.process((byte) 'a'));
        assertFalse(validator.complete());
    }

    private void assertAgrees(byte[] bytes) {
        assertEquals(decodes(bytes), complete(bytes), () -> hex(bytes));
    }

    private static boolean complete(byte[] bytes) {
        Utf8Validator validator = new Utf8Validator();
        for (byte b : bytes) {
            validator.process(b);
        }
        return validator.complete();
    }

    private boolean decodes(byte[] bytes) {
        try {
            strict.reset().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X ", b));
        }
        return hex.toString().trim();
    }
}
