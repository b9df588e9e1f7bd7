package dev.chat.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A reader that stops reading is closed once its outgoing queue is full, after little more than the queue
 * and its socket's fixed send buffer have been filled; nobody else notices.
 */
@QuarkusTest
@TestProfile(SlowConsumerTest.SmallQueue.class)
class SlowConsumerTest {

    private static final int MESSAGES = 1500;
    private static final int QUEUE_BYTES = 262144;
    /**
     * The fixed 128 KiB send buffer (Linux doubles it for bookkeeping), the reader's 4 KiB and segments in
     * flight: a few hundred KiB, where autotuning would have let the kernel hold up to 4 MiB.
     */
    private static final int KERNEL_BYTES = 1024 * 1024;
    private static final int BATCH = 50;

    public static class SmallQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.outbound.max-queued-bytes", String.valueOf(QUEUE_BYTES),
                    "chat.outbound.send-buffer-bytes", "131072", "chat.rate-limit.per-second", "0");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aClientThatStopsReadingIsClosedAndTheOthersGetEverything() throws Exception {
        try (Socket stalled = stalledMember();
                ChatClient sender = ChatClient.join(base, "/chat/slow?name=sender");
                ChatClient reader = ChatClient.join(base, "/chat/slow?name=reader")) {
            String text = "x".repeat(1900);
            // Batches keep the readers that do read well under the bound; the stalled one only falls behind.
            for (int batch = 0; batch < MESSAGES; batch += BATCH) {
                for (int i = batch; i < batch + BATCH; i++) {
                    sender.send(i + text);
                }
                for (int i = batch; i < batch + BATCH; i++) {
                    assertTrue(reader.expect("message").get("text").asText().startsWith(i + "x"));
                    assertTrue(sender.expect("message").get("text").asText().startsWith(i + "x"));
                }
            }
            Backlog backlog = drainUntilClose(stalled.getInputStream());
            assertEquals(1013, backlog.closeCode());
            assertTrue(backlog.bytesBeforeClose() <= KERNEL_BYTES,
                    backlog.bytesBeforeClose() + " bytes were still in the kernel when it was closed");
            assertTrue(Http.get(base, "/q/metrics").body().matches("(?s).*chat_slow_consumer_disconnects_total [1-9].*"));
        }
    }

    /** Joins over a raw socket with a tiny receive buffer, then reads nothing. */
    private Socket stalledMember() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        // A close that never comes fails the test instead of hanging it.
        socket.setSoTimeout(15_000);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /chat/slow?name=stalled HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: Upgrade\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** What reached the stalled reader: the frames the kernel still held, then the close. */
    private record Backlog(int closeCode, long bytesBeforeClose) {
    }

    /** Reads the backlog frame by frame until the close frame. */
    private static Backlog drainUntilClose(InputStream in) throws Exception {
        in.readNBytes(indexOfHeadEnd(in));
        long bytes = 0;
        while (true) {
            int first = in.read();
            if (first < 0) {
                return new Backlog(-1, bytes);
            }
            int length = in.read() & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = (int) new java.io.DataInputStream(in).readLong();
            }
            byte[] payload = in.readNBytes(length);
            if ((first & 0x0F) == 0x8) {
                return new Backlog(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF), bytes);
            }
            bytes += payload.length;
        }
    }

    private static int indexOfHeadEnd(InputStream in) throws Exception {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        return 0;
    }
}
