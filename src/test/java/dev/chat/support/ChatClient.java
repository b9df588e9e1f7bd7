package dev.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real WebSocket client (the JDK's) that keeps every frame the server sends, parsed as JSON. */
public final class ChatClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile long closedAtNanos;
    private volatile String closeReason;
    private final Consumer<JsonNode> tap;
    private final WebSocket socket;

    private static final Consumer<JsonNode> NO_TAP = frame -> {
    };

    private ChatClient(URI uri, Map<String, String> headers, List<String> subprotocols, Consumer<JsonNode> tap) {
        this.tap = tap;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(WAIT_SECONDS));
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** {@code path} with query, such as {@code /chat/lobby?name=alice}, on the test server. */
    public static ChatClient connect(URI base, String path) {
        return new ChatClient(Urls.ws(base, path), Map.of(), List.of(), NO_TAP);
    }

    /** Connects and shows {@code tap} every frame as it arrives, whether or not the test reads it. */
    public static ChatClient connect(URI base, String path, Consumer<JsonNode> tap) {
        return new ChatClient(Urls.ws(base, path), Map.of(), List.of(), tap);
    }

    public static ChatClient connect(URI base, String path, Map<String, String> headers) {
        return new ChatClient(Urls.ws(base, path), headers, List.of(), NO_TAP);
    }

    /** Sends {@code headers} and offers {@code subprotocols} in the handshake, and shows {@code tap} every frame. */
    public static ChatClient connect(URI base, String path, Map<String, String> headers, List<String> subprotocols,
            Consumer<JsonNode> tap) {
        return new ChatClient(Urls.ws(base, path), headers, subprotocols, tap);
    }

    /** Offers {@code subprotocols}, in order, in the handshake. */
    public static ChatClient connectOffering(URI base, String path, List<String> subprotocols) {
        return new ChatClient(Urls.ws(base, path), Map.of(), subprotocols, NO_TAP);
    }

    /** The HTTP status the server refused the handshake with. */
    public static int refusal(URI base, String path, Map<String, String> headers) {
        try {
            connect(base, path, headers).close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Connects and reads the welcome frame. */
    public static ChatClient join(URI base, String path) {
        ChatClient client = connect(base, path);
        client.expect("welcome");
        return client;
    }

    public ChatClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public ChatClient sendJson(Map<String, Object> message) {
        try {
            return send(JSON.writeValueAsString(message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public ChatClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** The next frame, whatever its type. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(frame, "no frame within " + WAIT_SECONDS + " s");
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame already received, or null. */
    public JsonNode poll() {
        return frames.poll();
    }

    /** The next frame of {@code type}, skipping presence notices on the way. */
    public JsonNode expect(String type) {
        while (true) {
            JsonNode frame = next();
            String actual = frame.path("type").asText();
            if (actual.equals(type)) {
                return frame;
            }
            if (!actual.equals("join") && !actual.equals("leave")) {
                fail("expected a " + type + " frame but got " + frame);
            }
        }
    }

    /** The next frame whose type is one of {@code types}, skipping presence notices. */
    public JsonNode expectAny(String... types) {
        while (true) {
            JsonNode frame = next();
            String actual = frame.path("type").asText();
            if (List.of(types).contains(actual)) {
                return frame;
            }
            if (!actual.equals("join") && !actual.equals("leave")) {
                fail("expected one of " + List.of(types) + " but got " + frame);
            }
        }
    }

    /** Sends unless the server has closed the connection meanwhile; returns whether it was sent. */
    public boolean trySend(String text) {
        try {
            socket.sendText(text, true).join();
            return true;
        } catch (CompletionException closed) {
            return false;
        }
    }

    /** Reads messages until one carries {@code text}, which it returns; a replayed tombstone has no text. */
    public JsonNode awaitText(String text) {
        while (true) {
            JsonNode message = expect("message");
            if (message.path("text").asText().equals(text)) {
                return message;
            }
        }
    }

    public List<JsonNode> messages(int count) {
        List<JsonNode> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(expect("message"));
        }
        return messages;
    }

    /** Fails if any frame other than presence notices arrives within {@code millis}. */
    public void expectNoMessage(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        long left;
        while ((left = end - System.currentTimeMillis()) > 0) {
            JsonNode frame = frames.poll(left, TimeUnit.MILLISECONDS);
            if (frame != null && !frame.path("type").asText().matches("join|leave")) {
                fail("unexpected frame " + frame);
            }
        }
    }

    /** Every frame that arrives until none has for {@code quietMillis}. */
    public List<JsonNode> drain(long quietMillis) {
        List<JsonNode> drained = new ArrayList<>();
        try {
            JsonNode frame;
            while ((frame = frames.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                drained.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    public int closeCode() {
        try {
            return closeCode.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the connection", e);
        }
    }

    /** The reason the server gave with its close. */
    public String closeReason() {
        closeCode();
        return closeReason;
    }

    public void expectClose(int code) {
        assertEquals(code, closeCode());
    }

    /** When the server's close arrived, on the {@link System#nanoTime()} clock. */
    public long closedAtNanos() {
        closeCode();
        return closedAtNanos;
    }

    public boolean isOpen() {
        return !closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame;
                try {
                    frame = JSON.readTree(partial.toString());
                } catch (Exception e) {
                    frame = JSON.getNodeFactory().textNode(partial.toString());
                }
                tap.accept(frame);
                frames.add(frame);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedAtNanos = System.nanoTime();
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedAtNanos = System.nanoTime();
            closeCode.complete(1006);
        }
    }
}
