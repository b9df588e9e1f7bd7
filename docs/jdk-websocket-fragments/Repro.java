import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Does java.net.http.WebSocket hand a listener the text of every message exactly as it was sent, when
 * many connections receive messages that arrive fragmented (continuation frames) and in TCP pieces?
 *
 * A tiny server on 127.0.0.1 (ephemeral port, raw sockets, no library) accepts CLIENTS WebSockets and
 * sends each MESSAGES text messages of about 950 bytes. Each message is cut into 1-4 frames (text +
 * continuation), and each frame is written in 1-3 pieces with a flush between them. The clients, all on
 * one HttpClient, join onText parts in a StringBuilder (the data is copied before onText returns) and
 * compare every complete message with what was sent.
 *
 *   java Repro.java [clients=2000] [messages=50] [text=ascii|utf8] [fragment=yes|no] [rounds=1]
 *
 * Exit status 1 when any message arrived different from what was sent.
 */
public class Repro {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Connections whose every frame the server wrote and flushed. */
    private static final AtomicInteger WRITTEN = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        boolean utf8 = args.length > 2 && args[2].equals("utf8");
        boolean fragment = args.length <= 3 || !args[3].equals("no");
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        System.out.printf("java %s (%s), %d clients x %d messages, text %s, fragmented %s%n",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"), clients, messages,
                utf8 ? "utf8" : "ascii", fragment ? "yes" : "no");
        int garbledTotal = 0;
        for (int round = 1; round <= rounds; round++) {
            int garbled = round(clients, messages, utf8, fragment);
            garbledTotal += garbled;
        }
        System.out.printf("total: %d garbled messages in %d rounds%n", garbledTotal, rounds);
        System.exit(garbledTotal == 0 ? 0 : 1);
    }

    static String text(int seq, boolean utf8) {
        String filler = utf8 ? "zé€😀".repeat(90) : "z".repeat(900);
        return "{\"type\":\"message\",\"seq\":" + seq + ",\"text\":\"" + filler + "\",\"end\":" + seq + "}";
    }

    static int round(int clients, int messages, boolean utf8, boolean fragment) throws Exception {
        ServerSocket server = new ServerSocket(0, clients, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> serve(server, messages, utf8, fragment), "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();

        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
        CountDownLatch done = new CountDownLatch(clients);
        AtomicInteger garbled = new AtomicInteger();
        AtomicInteger whole = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Object> listeners = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<WebSocket>> sockets = new ArrayList<>(clients);
        long started = System.nanoTime();
        WRITTEN.set(0);
        for (int i = 0; i < clients; i++) {
            int client = i;
            WebSocket.Listener listener = new WebSocket.Listener() {
                final StringBuilder partial = new StringBuilder();
                int parts;
                int seq = 1;

                @Override
                public String toString() {
                    return "client " + client + " waits in message " + seq + " after " + parts + " parts, "
                            + partial.length() + " chars";
                }

                @Override
                public void onOpen(WebSocket webSocket) {
                    listeners.add(this);
                    webSocket.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    partial.append(data);
                    parts++;
                    if (last) {
                        String expected = text(seq, utf8);
                        String got = partial.toString();
                        if (got.equals(expected)) {
                            whole.incrementAndGet();
                        } else {
                            garbled.incrementAndGet();
                            if (examples.size() < 5) {
                                examples.add(describe(client, seq, parts, expected, got));
                            }
                        }
                        partial.setLength(0);
                        parts = 0;
                        if (++seq > messages) {
                            done.countDown();
                        }
                    }
                    webSocket.request(1);
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    failed.incrementAndGet();
                    done.countDown();
                }
            };
            sockets.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, listener)
                    .whenComplete((socket, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            done.countDown();
                        }
                    }));
        }
        boolean finished = done.await(Integer.getInteger("wait", 120), TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int written = WRITTEN.get();
        for (CompletableFuture<WebSocket> socket : sockets) {
            socket.thenAccept(WebSocket::abort);
        }
        server.close();
        System.out.printf("round: %d of %d messages whole, %d garbled, %d clients failed, %s in %d ms;"
                + " the server had written every frame to %d of %d connections%n", whole.get(), clients * messages,
                garbled.get(), failed.get(), finished ? "finished" : "TIMED OUT", millis, written, clients);
        examples.forEach(System.out::println);
        if (!finished) {
            List<String> stalled = listeners.stream().map(Object::toString)
                    .filter(state -> !state.contains("message " + (messages + 1) + " ")).toList();
            System.out.printf("  %d connections stalled, waiting in messages %s%n", stalled.size(), stalled.stream()
                    .map(state -> state.replaceAll(".* message (\\d+) .*", "$1")).distinct().sorted().toList());
            stalled.stream().limit(5).forEach(state -> System.out.println("  " + state));
        }
        return garbled.get();
    }

    static String describe(int client, int seq, int parts, String expected, String got) {
        int at = 0;
        while (at < Math.min(expected.length(), got.length()) && expected.charAt(at) == got.charAt(at)) {
            at++;
        }
        return String.format("  client %d message %d (%d onText parts): length %d, expected %d; first difference at %d:%n"
                + "    expected ...%s%n    got      ...%s", client, seq, parts, got.length(), expected.length(), at,
                around(expected, at), around(got, at));
    }

    static String around(String s, int at) {
        return s.substring(Math.max(0, at - 20), Math.min(s.length(), at + 40));
    }

    // ---- the server: raw sockets, one thread per connection ----

    static void serve(ServerSocket server, int messages, boolean utf8, boolean fragment) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread connection = new Thread(() -> converse(socket, messages, utf8, fragment));
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    static void converse(Socket socket, int messages, boolean utf8, boolean fragment) {
        Random random = new Random(socket.getPort());
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String key = handshakeKey(in);
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int seq = 1; seq <= messages; seq++) {
                byte[] payload = text(seq, utf8).getBytes(StandardCharsets.UTF_8);
                int frames = fragment ? 1 + random.nextInt(4) : 1;
                int from = 0;
                for (int f = 0; f < frames; f++) {
                    int to = f == frames - 1 ? payload.length : from + random.nextInt(payload.length - from);
                    byte[] frame = frame(f == 0 ? 0x1 : 0x0, f == frames - 1, payload, from, to);
                    writeInPieces(out, frame, random);
                    from = to;
                }
            }
            WRITTEN.incrementAndGet();
            in.read(); // until the client goes
        } catch (Exception gone) {
            // the client closed or aborted
        }
    }

    static String handshakeKey(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            head.write(b);
        }
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key");
    }

    /** An unmasked server frame with {@code payload[from, to)}. */
    static byte[] frame(int opcode, boolean fin, byte[] payload, int from, int to) {
        int length = to - from;
        ByteArrayOutputStream frame = new ByteArrayOutputStream(length + 4);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            frame.write(length);
        } else {
            frame.write(126);
            frame.write(length >>> 8);
            frame.write(length & 0xff);
        }
        frame.write(payload, from, length);
        return frame.toByteArray();
    }

    static void writeInPieces(OutputStream out, byte[] bytes, Random random) throws IOException {
        int pieces = 1 + random.nextInt(3);
        int from = 0;
        for (int p = 0; p < pieces; p++) {
            int to = p == pieces - 1 ? bytes.length : from + random.nextInt(bytes.length - from + 1);
            out.write(bytes, from, to - from);
            out.flush();
            from = to;
        }
    }
}
