package dev.chat.transport.websocket.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class TextFramingTest {

    @Test
    void aShortPayloadHasItsLengthInTheSecondByte() {
        ByteBuf frame = framed(125);
        assertEquals(0x81, frame.readUnsignedByte());
        assertEquals(125, frame.readUnsignedByte());
        assertEquals(125, frame.readableBytes());
    }

    @Test
    void aMediumPayloadHasASixteenBitLength() {
        ByteBuf frame = framed(65535);
        assertEquals(0x81, frame.readUnsignedByte());
        assertEquals(126, frame.readUnsignedByte());
        assertEquals(65535, frame.readUnsignedShort());
        assertEquals(65535, frame.readableBytes());
    }

    @Test
    void aLongPayloadHasASixtyFourBitLength() {
        ByteBuf frame = framed(65536);
        assertEquals(0x81, frame.readUnsignedByte());
        assertEquals(127, frame.readUnsignedByte());
        assertEquals(65536, frame.readLong());
        assertEquals(65536, frame.readableBytes());
    }

    @Test
    void thePayloadFollowsUnmasked() {
        byte[] payload = "{\"text\":\"hi\"}".getBytes();
        ByteBuf frame = Unpooled.buffer();
        TextFraming.write(frame, payload);
        frame.skipBytes(2);
        byte[] written = new byte[frame.readableBytes()];
        frame.readBytes(written);
        assertArrayEquals(payload, written);
    }

    private static ByteBuf framed(int length) {
        ByteBuf frame = Unpooled.buffer();
        TextFraming.write(frame, new byte[length]);
        return frame;
    }
}
