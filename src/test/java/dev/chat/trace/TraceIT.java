package dev.chat.trace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.OtlpReceiver;
import dev.chat.support.OtlpReceiver.ReceivedSpan;
import dev.chat.support.RedisServer;
import dev.chat.support.ServiceInstance;
import dev.chat.support.Urls;

/**
 * A message traced across two instances of the packaged service on one real redis-server. Each instance
 * exports its spans over OTLP (http/protobuf), as an operator configures it, to one receiver in the
 * test: an exporter inside one process can only see that process, and these are two. The trace of a
 * POST on A holds its server span, its send span as the server span's child, and one fan-out span on
 * each instance that holds members of the room, linked to the send span; likewise for a WebSocket frame.
 */
class TraceIT {

    private static final String ROOM = "traced";

    private static RedisServer redis;
    private static OtlpReceiver collector;
    private static ServiceInstance a;
    private static ServiceInstance b;

    @BeforeAll
    static void startCluster() {
        redis = RedisServer.start();
        collector = OtlpReceiver.start();
        a = ServiceInstance.start("trace-a", config("a"));
        b = ServiceInstance.start("trace-b", config("b"));
        a.awaitReady();
        b.awaitReady();
    }

    private static Map<String, String> config(String instance) {
        return Map.of("chat.backplane", "redis", "quarkus.redis.hosts", redis.uri(),
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", collector.endpoint(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms",
                "quarkus.otel.resource.attributes", "service.instance.id=" + instance);
    }

    @AfterAll
    static void stopCluster() {
        for (AutoCloseable closeable : new AutoCloseable[] { a, b, redis, collector }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the next one still has to stop
            }
        }
    }

    @Test
    void aPostOnOneInstanceIsTracedToItsFanOutOnEveryInstance() throws IOException {
        try (ChatClient onA = ChatClient.join(a.base(), "/chat/" + ROOM + "?name=ann");
                ChatClient onB = ChatClient.join(b.base(), "/chat/" + ROOM + "?name=bo")) {
            var response = Http.send(HttpRequest.newBuilder(Urls.http(a.base(), "/api/rooms/" + ROOM + "/messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"poster\",\"text\":\"traced\",\"ref\":\"t1\"}")));
            assertEquals(201, response.statusCode());
            long seq = Http.body(response).get("seq").asLong();
            onA.awaitText("traced");
            onB.awaitText("traced");

            ReceivedSpan send = await().atMost(Duration.ofSeconds(20)).until(() -> sendSpan(seq), span -> span != null);
            List<ReceivedSpan> trace = await().atMost(Duration.ofSeconds(20))
                    .until(() -> traceOf(send), spans -> fanOuts(spans, seq).size() == 2);

            assertEquals("a", send.instance());
            ReceivedSpan server = trace.stream().filter(span -> span.spanId().equals(send.parentSpanId())).findFirst()
                    .orElseThrow(() -> new AssertionError("the send span's parent is the POST's server span: " + trace));
            assertEquals("a", server.instance());
            assertEquals(2, server.kind(), "SERVER");
            assertEquals(4, send.kind(), "PRODUCER");
            List<ReceivedSpan> fanOuts = fanOuts(trace, seq);
            assertEquals(List.of("a", "b"), fanOuts.stream().map(ReceivedSpan::instance).sorted().toList());
            for (ReceivedSpan fanOut : fanOuts) {
                assertTrue(fanOut.linksTo(send), fanOut + " links to " + send);
                assertEquals(5, fanOut.kind(), "CONSUMER");
                assertEquals(1L, fanOut.attributes().get("chat.recipients"), "one member on each instance");
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "trace-dump.txt"), dump(trace));
        }
    }

    @Test
    void aWebSocketFrameStartsItsOwnTrace() {
        try (ChatClient onA = ChatClient.join(a.base(), "/chat/" + ROOM + "-ws?name=ann");
                ChatClient onB = ChatClient.join(b.base(), "/chat/" + ROOM + "-ws?name=bo")) {
            onA.send("from a socket");
            long seq = onB.awaitText("from a socket").get("seq").asLong();
            ReceivedSpan send = await().atMost(Duration.ofSeconds(20))
                    .until(() -> collector.spans().stream().filter(span -> span.name().equals("chat send")
                            && (ROOM + "-ws").equals(span.attributes().get("chat.room"))
                            && Long.valueOf(seq).equals(span.attributes().get("chat.seq"))).findFirst().orElse(null),
                            span -> span != null);
            assertEquals("", send.parentSpanId(), "a frame has no server span above it");
            await().atMost(Duration.ofSeconds(20)).until(() -> collector.spans().stream()
                    .filter(span -> span.name().equals("chat fan-out") && span.linksTo(send)).count() == 2);
        }
    }

    private static ReceivedSpan sendSpan(long seq) {
        return collector.spans().stream().filter(span -> span.name().equals("chat send")
                && ROOM.equals(span.attributes().get("chat.room")) && Long.valueOf(seq).equals(span.attributes().get("chat.seq")))
                .findFirst().orElse(null);
    }

    /** The spans of the send span's trace, plus the fan-out spans that link to it from their own traces. */
    private static List<ReceivedSpan> traceOf(ReceivedSpan send) {
        return collector.spans().stream().filter(span -> span.traceId().equals(send.traceId()) || span.linksTo(send))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos)).toList();
    }

    private static List<ReceivedSpan> fanOuts(List<ReceivedSpan> spans, long seq) {
        return spans.stream().filter(span -> span.name().equals("chat fan-out")
                && Long.valueOf(seq).equals(span.attributes().get("chat.seq"))).toList();
    }

    private static String dump(List<ReceivedSpan> trace) {
        long origin = trace.get(0).startNanos();
        return trace.stream().map(span -> String.format("%-9s %-34s trace %s span %s%s%s  +%.1f ms, %.2f ms  %s",
                "[" + span.instance() + "]", span.name(), span.traceId().substring(0, 8), span.spanId().substring(0, 8),
                span.parentSpanId().isEmpty() ? "" : " parent " + span.parentSpanId().substring(0, 8),
                span.links().isEmpty() ? "" : " link " + span.links().stream().map(l -> l.substring(0, 8) + "/"
                        + l.substring(33, 41)).collect(Collectors.joining(",")),
                (span.startNanos() - origin) / 1e6, (span.endNanos() - span.startNanos()) / 1e6, span.attributes()))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
