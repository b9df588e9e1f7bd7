package dev.chat.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/** One simulated user: a socket, where its handshake stands, bytes of a frame not yet complete, and what is unsent. */
final class Client {

    enum State { HANDSHAKING, OPENING, OPEN, CLOSED }

    final int id;
    final SocketChannel channel;
    SelectionKey key;
    State state = State.HANDSHAKING;
    long connectStartedNanos;
    long openedNanos;
    /** Bytes of an incomplete frame (or response head) carried over to the next read. */
    byte[] carried = new byte[0];
    int carriedLength;
    /** Messages of the measured window this client received. */
    long receipts;
    /** Chat messages this client must be replayed before it counts as served, and those it has been. */
    int replayWanted;
    int replayed;
    /** When the welcome and the whole replay had arrived. */
    long servedNanos;
    /** Never reads once open, like a client on a dead network or a frozen tab. */
    boolean stalled;
    private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();

    Client(int id, SocketChannel channel) {
        this.id = id;
        this.channel = channel;
    }

    void send(ByteBuffer frame) throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        if (unsent.isEmpty()) {
            channel.write(frame);
            if (!frame.hasRemaining()) {
                return;
            }
        }
        unsent.add(frame);
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    /** Called when the socket can take more: writes what waited, then stops asking. */
    void writable() throws IOException {
        while (!unsent.isEmpty()) {
            ByteBuffer next = unsent.peek();
            channel.write(next);
            if (next.hasRemaining()) {
                return;
            }
            unsent.poll();
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    void carry(byte[] bytes, int from, int length) {
        if (carried.length < length) {
            carried = new byte[Math.max(length, 256)];
        }
        System.arraycopy(bytes, from, carried, 0, length);
        carriedLength = length;
    }

    void close() {
        state = State.CLOSED;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }
}
