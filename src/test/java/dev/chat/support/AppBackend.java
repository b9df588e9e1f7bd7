package dev.chat.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The application a chat is embedded in, as far as hooks go: a real HTTP server on a free loopback port.
 * {@code /publish} decides by the message's text: {@code rewrite ...} is rewritten ({@code grow ...} to
 * 3,000 characters, over the service's limit), {@code reject ...}
 * refused, {@code slow ...} answered after 400 ms, {@code hang ...} never in time, and {@code malformed},
 * {@code huge} and {@code redirect} get answers no hook should give; anything else is accepted with 204.
 * {@code /events} takes batches, or answers 500 while it is told to fail. Every call is kept.
 */
public final class AppBackend implements AutoCloseable {

    public static final String SECRET = "test-hook-secret";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One call as the application received it, and what it answered. */
    public record Call(String path, Map<String, List<String>> headers, String body, int answered) {

        public String header(String name) {
            List<String> values = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(Map.Entry::getValue).orElse(List.of());
            return values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger failEvents = new AtomicInteger();
    private volatile boolean eventsDown;

    private AppBackend(HttpServer server) {
        this.server = server;
    }

    public static AppBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AppBackend backend = new AppBackend(server);
            server.createContext("/publish", backend::publish);
            server.createContext("/events", backend::events);
            server.setExecutor(backend.threads);
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The service's hook settings for this backend, signed with {@link #SECRET}. */
    public Map<String, String> config() {
        return Map.of("chat.hooks.publish-url", url("/publish"), "chat.hooks.events-url", url("/events"),
                "chat.hooks.secret", SECRET,
                "chat.hooks.events-retry-min", "100ms", "chat.hooks.events-retry-max", "1s");
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    /** The events of every batch the application took (2xx), in the order it took them. */
    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (Call call : calls("/events")) {
            if (call.answered() < 300) {
                call.json().forEach(events::add);
            }
        }
        return events;
    }

    /** The next {@code attempts} event batches are answered 500. */
    public void failEvents(int attempts) {
        failEvents.set(attempts);
    }

    /** While down, every event batch is answered 500. */
    public void eventsDown(boolean down) {
        eventsDown = down;
    }

    /** Checks a call's signature as the README tells an application to: HMAC-SHA256 of "timestamp.body". */
    public static boolean signatureHolds(Call call) {
        String timestamp = call.header("X-Chat-Timestamp");
        String signature = call.header("X-Chat-Signature");
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
            long age = System.currentTimeMillis() / 1000 - Long.parseLong(timestamp);
            return expected.equals(signature) && Math.abs(age) < 300;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String text = MAPPER.readTree(body).path("text").asText();
        int status;
        if (text.startsWith("rewrite")) {
            status = answer(exchange, 200, "{\"text\":\"rewritten by the application\"}");
        } else if (text.startsWith("grow")) {
            status = answer(exchange, 200, "{\"text\":\"" + "y".repeat(3000) + "\"}");
        } else if (text.startsWith("reject")) {
            status = answer(exchange, 200, "{\"reject\":\"no spam here\"}");
        } else if (text.startsWith("slow")) {
            sleep(400);
            status = answer(exchange, 204, null);
        } else if (text.startsWith("hang")) {
            sleep(3000);
            status = answer(exchange, 204, null);
        } else if (text.startsWith("malformed")) {
            status = answer(exchange, 200, "{\"text\": oops");
        } else if (text.startsWith("huge")) {
            status = answer(exchange, 200, "{\"text\":\"" + "x".repeat(1 << 20) + "\"}");
        } else if (text.startsWith("redirect")) {
            exchange.getResponseHeaders().add("Location", url("/publish-elsewhere"));
            status = answer(exchange, 302, null);
        } else {
            status = answer(exchange, 204, null);
        }
        calls.add(new Call("/publish", Map.copyOf(exchange.getRequestHeaders()), body, status));
    }

    private void events(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean fail = eventsDown || failEvents.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        // Kept before the answer, so a test that saw the answer's effect also sees the call.
        calls.add(new Call("/events", Map.copyOf(exchange.getRequestHeaders()), body, fail ? 500 : 204));
        answer(exchange, fail ? 500 : 204, null);
    }

    private static int answer(HttpExchange exchange, int status, String body) throws IOException {
        try {
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException hungUp) {
            // The service stopped reading (a huge answer, a timeout): that is its right.
        } finally {
            exchange.close();
        }
        return status;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
