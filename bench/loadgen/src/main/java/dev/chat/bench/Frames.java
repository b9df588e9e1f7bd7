package dev.chat.bench;

import java.nio.ByteBuffer;

/** RFC 6455 framing on the client's side: frames out are masked, frames in are not. */
final class Frames {

    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** Masking is required of clients; its key need not be secret to a benchmark. */
    private static final byte[] MASK = { 0x37, (byte) 0xfa, 0x21, 0x3d };

    private Frames() {
    }

    static ByteBuffer masked(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126));
            frame.putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127));
            frame.putLong(length);
        }
        frame.put(MASK);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ MASK[i & 3]));
        }
        return frame.flip();
    }
}
