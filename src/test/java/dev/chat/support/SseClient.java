package dev.chat.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real event-stream reader: parses the SSE lines the server writes into events, as EventSource does. */
public final class SseClient implements AutoCloseable {

    /** One dispatched event; {@code comment} is set for comment lines, which EventSource never shows. */
    public record Event(String id, String event, String data, Long retry, String comment) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(data);
            } catch (Exception e) {
                throw new IllegalStateException(data, e);
            }
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;

    private SseClient(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        this.response = Http.CLIENT.sendAsync(request.build(), info -> {
            head.complete(info);
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
        });
    }

    public static SseClient open(URI base, String path) {
        return new SseClient(Urls.http(base, path), Map.of());
    }

    public static SseClient open(URI base, String path, Map<String, String> headers) {
        return new SseClient(Urls.http(base, path), headers);
    }

    public int status() {
        return head.orTimeout(10, TimeUnit.SECONDS).join().statusCode();
    }

    public String contentType() {
        return head.orTimeout(10, TimeUnit.SECONDS).join().headers().firstValue("Content-Type").orElse("");
    }

    /** The next event or comment, as it arrived. */
    public Event nextRaw() {
        try {
            Event event = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(event, "no event within 10 s");
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event named {@code name}, skipping comments and other events. */
    public Event next(String name) {
        while (true) {
            Event event = nextRaw();
            if (name.equals(event.event())) {
                return event;
            }
        }
    }

    /** The events received and not yet read, in order. */
    public List<Event> remaining() {
        List<Event> remaining = new ArrayList<>();
        events.drainTo(remaining);
        return remaining;
    }

    /** Waits for the server to end the stream. */
    public void awaitEnd() {
        ended.orTimeout(15, TimeUnit.SECONDS).join();
    }

    public List<Event> messages(int count) {
        List<Event> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(next("message"));
        }
        return messages;
    }

    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        response.cancel(true);
    }

    private final class Lines implements Flow.Subscriber<String> {
        private String id;
        private String event;
        private StringBuilder data;
        private Long retry;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            SseClient.this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(id, event == null ? "message" : event, data.toString(), retry, null));
                } else if (retry != null) {
                    events.add(new Event(null, null, null, retry, null));
                }
                id = null;
                event = null;
                data = null;
                retry = null;
                return;
            }
            if (line.startsWith(":")) {
                events.add(new Event(null, null, null, null, line.substring(1).trim()));
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "retry" -> retry = Long.parseLong(value);
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            ended.complete(null);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }
}
