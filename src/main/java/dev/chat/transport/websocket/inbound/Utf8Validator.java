package dev.chat.transport.websocket.inbound;

import io.netty.util.ByteProcessor;

/**
 * Checks UTF-8 one byte at a time, so a text message split over many frames can be
 * rejected at the first byte that cannot start or continue a valid code point,
 * without waiting for the rest of the message.
 *
 * <p>Rejects what RFC 3629 forbids: overlong forms, surrogates (U+D800..U+DFFF) and
 * code points above U+10FFFF. Those are excluded by narrowing the range of the first
 * continuation byte after the lead bytes E0, ED, F0 and F4.
 */
final class Utf8Validator implements ByteProcessor {

    private int pending;
    private int lower = 0x80;
    private int upper = 0xBF;
    private boolean valid = true;

    /** Returns false, and stays invalid, once a byte cannot belong to valid UTF-8. */
    @Override
    public boolean process(byte value) {
        if (!valid) {
            return false;
        }
        int b = value & 0xFF;
        if (pending == 0) {
            valid = lead(b);
        } else if (b < lower || b > upper) {
            valid = false;
        } else {
            lower = 0x80;
            upper = 0xBF;
            pending--;
        }
        return valid;
    }

    boolean valid() {
        return valid;
    }

    /** True when the bytes so far are valid and do not stop inside a code point. */
    boolean complete() {
        return valid && pending == 0;
    }

    private boolean lead(int b) {
        if (b <= 0x7F) {
            return true;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            lower = b == 0xE0 ? 0xA0 : 0x80;
            upper = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            lower = b == 0xF0 ? 0x90 : 0x80;
            upper = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        return true;
    }
}
