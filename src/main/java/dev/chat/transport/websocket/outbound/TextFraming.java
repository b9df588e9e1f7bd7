package dev.chat.transport.websocket.outbound;

import io.netty.buffer.ByteBuf;

/**
 * RFC 6455 framing of a server text message: unmasked, so the bytes are the same for every
 * recipient and can be written as they are, many to one buffer.
 */
final class TextFraming {

    private static final int FIN_TEXT = 0x81;

    private TextFraming() {
    }

    static void write(ByteBuf out, byte[] payload) {
        int length = payload.length;
        out.writeByte(FIN_TEXT);
        if (length < 126) {
            out.writeByte(length);
        } else if (length <= 0xFFFF) {
            out.writeByte(126);
            out.writeShort(length);
        } else {
            out.writeByte(127);
            out.writeLong(length);
        }
        out.writeBytes(payload);
    }

    /** The most bytes {@link #write} adds in front of a payload. */
    static int maxHeader() {
        return 10;
    }
}
