package dev.chat.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Everything the servers send, parsed straight from the bytes read: the upgrade response, then frames.
 * A chat message is recognised by the marker its text carries ({@code b|sender|seq|scheduledNanos|}),
 * wherever the server put that text (a JSON object, a Socket.IO event or the bare frame), so no JSON is
 * ever parsed and a receipt costs tens of nanoseconds.
 */
final class Inbound {

    private static final byte[] SWITCHING = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);

    private final ByteBuffer buffer = ByteBuffer.allocate(4 << 20);
    private final Target target;
    private final Receipts receipts;
    private long readAt;

    Inbound(Target target, Receipts receipts) {
        this.target = target;
        this.receipts = receipts;
    }

    /** Reads what the socket has and handles every complete frame; false once the connection is gone. */
    boolean read(Client client) throws IOException {
        buffer.clear();
        buffer.put(client.carried, 0, client.carriedLength);
        client.carriedLength = 0;
        int read = client.channel.read(buffer);
        readAt = System.nanoTime();
        if (read < 0) {
            receipts.lostConnection(client);
            client.close();
            return false;
        }
        byte[] bytes = buffer.array();
        int end = buffer.position();
        int at = 0;
        if (client.state == Client.State.HANDSHAKING) {
            int head = headEnd(bytes, end);
            if (head < 0) {
                client.carry(bytes, 0, end);
                return true;
            }
            if (!startsWith(bytes, SWITCHING)) {
                throw new IOException("upgrade refused: " + new String(bytes, 0, head, StandardCharsets.US_ASCII));
            }
            at = head;
            client.state = target.greets || target == Target.SOCKETIO ? Client.State.OPENING : Client.State.OPEN;
        }
        while (at + 2 <= end) {
            int opcode = bytes[at] & 0x0F;
            int length = bytes[at + 1] & 0x7F;
            int header = 2;
            if (length == 126) {
                if (at + 4 > end) {
                    break;
                }
                length = (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
                header = 4;
            } else if (length == 127) {
                if (at + 10 > end) {
                    break;
                }
                length = (int) ByteBuffer.wrap(bytes, at + 2, 8).getLong();
                header = 10;
            }
            if (at + header + length > end) {
                break;
            }
            frame(client, opcode, bytes, at + header, length);
            at += header + length;
            if (client.state == Client.State.CLOSED) {
                return false;
            }
        }
        if (at < end) {
            client.carry(bytes, at, end - at);
        }
        return true;
    }

    private void frame(Client client, int opcode, byte[] bytes, int from, int length) throws IOException {
        switch (opcode) {
            case Frames.TEXT -> text(client, bytes, from, length);
            case Frames.PING -> client.send(Frames.masked(Frames.PONG, copy(bytes, from, length)));
            case Frames.CLOSE -> {
                receipts.lostConnection(client);
                client.close();
            }
            default -> {
            }
        }
    }

    private void text(Client client, byte[] bytes, int from, int length) throws IOException {
        if (target == Target.SOCKETIO && length > 0) {
            if (bytes[from] == '0') {
                client.send(Frames.masked(Frames.TEXT, "40".getBytes(StandardCharsets.US_ASCII)));
                return;
            }
            if (bytes[from] == '2' && length == 1) {
                client.send(Frames.masked(Frames.TEXT, "3".getBytes(StandardCharsets.US_ASCII)));
                return;
            }
            if (client.state == Client.State.OPENING && length >= 2 && bytes[from] == '4' && bytes[from + 1] == '0') {
                client.state = Client.State.OPEN;
                return;
            }
        }
        if (client.state == Client.State.OPENING) {
            client.state = Client.State.OPEN;
            return;
        }
        int end = from + length;
        for (int i = from; i + 1 < end; i++) {
            if (bytes[i] == 'b' && bytes[i + 1] == '|') {
                if (++client.replayed == client.replayWanted && client.servedNanos == 0) {
                    client.servedNanos = readAt;
                }
                receipt(client, bytes, i + 2, end);
                return;
            }
        }
    }

    /** Reads {@code sender|seq|scheduledNanos|}; only the schedule matters for latency. */
    private void receipt(Client client, byte[] bytes, int at, int end) {
        int field = 0;
        long value = 0;
        for (int i = at; i < end; i++) {
            byte b = bytes[i];
            if (b != '|') {
                value = value * 10 + (b - '0');
            } else if (++field == 3) {
                receipts.received(client, value, readAt);
                return;
            } else {
                value = 0;
            }
        }
    }

    private static int headEnd(byte[] bytes, int end) {
        for (int i = 3; i < end; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] copy(byte[] bytes, int from, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, from, copy, 0, length);
        return copy;
    }
}
