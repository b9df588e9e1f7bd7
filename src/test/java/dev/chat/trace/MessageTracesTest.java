package dev.chat.trace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.Urls;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * On one instance (the memory backplane), read back from the SDK's in-memory exporter: a message's send
 * span is the child of its POST, or the root for a WebSocket frame, and its one fan-out span links to it
 * however many members receive it; a refused post ends its send span as an error; connections and
 * event streams make no spans, and a frame none but its post's.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
class MessageTracesTest {

    private static final AttributeKey<Long> SEQ = AttributeKey.longKey("chat.seq");
    private static final AttributeKey<String> ROOM = AttributeKey.stringKey("chat.room");

    @TestHTTPResource("/")
    URI base;

    @Inject
    InMemorySpanExporter exporter;

    @BeforeEach
    void forgetEarlierSpans() {
        exporter.reset();
    }

    @Test
    void aPostIsItsServerSpanThenItsSendSpanThenOneFanOutLinkedToIt() {
        try (ChatClient ann = ChatClient.join(base, "/chat/traced-post?name=ann");
                ChatClient bo = ChatClient.join(base, "/chat/traced-post?name=bo");
                ChatClient cy = ChatClient.join(base, "/chat/traced-post?name=cy")) {
            var stored = Http.postJson(base, "/api/rooms/traced-post/messages", Map.of("name", "poster", "text", "hi"));
            long seq = Http.body(stored).get("seq").asLong();
            List.of(ann, bo, cy).forEach(member -> member.awaitText("hi"));

            SpanData send = awaitSpan("chat send", "traced-post", seq);
            SpanData fanOut = awaitSpan("chat fan-out", "traced-post", seq);
            SpanData server = spans().stream().filter(span -> span.getSpanId().equals(send.getParentSpanId())).findFirst()
                    .orElseThrow(() -> new AssertionError("the send span's parent is the POST's server span"));
            assertEquals(SpanKind.SERVER, server.getKind());
            assertEquals(SpanKind.PRODUCER, send.getKind());
            assertEquals(SpanKind.CONSUMER, fanOut.getKind());
            assertEquals(List.of(send.getSpanContext()), fanOut.getLinks().stream().map(link -> link.getSpanContext()).toList());
            assertEquals(3L, fanOut.getAttributes().get(AttributeKey.longKey("chat.recipients")));
            assertEquals(1, spans().stream().filter(span -> span.getName().equals("chat fan-out")).count(),
                    "one fan-out span for three recipients");
        }
    }

    @Test
    void aWebSocketFrameIsTheRootOfItsTrace() {
        try (ChatClient ann = ChatClient.join(base, "/chat/traced-frame?name=ann")) {
            ann.send("framed");
            long seq = ann.awaitText("framed").get("seq").asLong();
            SpanData send = awaitSpan("chat send", "traced-frame", seq);
            assertFalse(send.getParentSpanContext().isValid());
            SpanData fanOut = awaitSpan("chat fan-out", "traced-frame", seq);
            assertEquals(send.getSpanContext(), fanOut.getLinks().get(0).getSpanContext());
        }
    }

    @Test
    void aRefusedPostEndsItsSendSpanAsAnError() {
        assertEquals(400, Http.postJson(base, "/api/rooms/traced-refused/messages", Map.of("text", " ")).statusCode());
        SpanData send = await().atMost(Duration.ofSeconds(10)).until(() -> spans().stream()
                .filter(span -> span.getName().equals("chat send") && "traced-refused".equals(span.getAttributes().get(ROOM)))
                .findFirst().orElse(null), span -> span != null);
        assertEquals(StatusCode.ERROR, send.getStatus().getStatusCode());
        assertTrue(spans().stream().noneMatch(span -> span.getName().equals("chat fan-out")));
    }

    @Test
    void socketsAndStreamsMakeNoSpansAndAFrameOnlyItsPosts() throws InterruptedException {
        try (ChatClient ann = ChatClient.join(base, "/chat/traced-quiet?name=ann");
                ChatClient lobby = ChatClient.join(base, "/?name=bo");
                SseClient sam = SseClient.open(base, "/api/rooms/traced-quiet/events?name=sam")) {
            sam.next("welcome");
            ann.send("  ");
            ann.expect("error");
        }
        // Long enough for the batch processor (50 ms here) to have exported anything there was.
        Thread.sleep(500);
        assertEquals(List.of("chat send"), spans().stream().map(SpanData::getName).toList(), "only the refused post's");
    }

    @Test
    void withTracingOnTheFanOutMeterNamesATraceAsAnExemplar() {
        try (ChatClient ann = ChatClient.join(base, "/chat/traced-exemplar?name=ann")) {
            long seq = Http.body(Http.postJson(base, "/api/rooms/traced-exemplar/messages",
                    Map.of("name", "poster", "text", "hi"))).get("seq").asLong();
            ann.awaitText("hi");
            awaitSpan("chat fan-out", "traced-exemplar", seq);
            String exposition = Http.send(HttpRequest.newBuilder(Urls.http(base, "/q/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")).body();
            // A bucket keeps its exemplar for a while, so it may name an earlier fan-out's trace: any will do.
            assertTrue(exposition.lines().anyMatch(line -> line.startsWith("chat_fanout_duration_seconds")
                    && line.matches(".* # \\{.*trace_id=\"[0-9a-f]{32}\".*")), "a fan-out names its trace");
        }
    }

    private List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    private SpanData awaitSpan(String name, String room, long seq) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans().stream()
                .filter(span -> span.getName().equals(name) && room.equals(span.getAttributes().get(ROOM))
                        && Long.valueOf(seq).equals(span.getAttributes().get(SEQ)))
                .findFirst().orElse(null), span -> span != null);
    }
}
