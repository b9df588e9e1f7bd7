package dev.chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.Urls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsTest {

    /** A sample recorded inside a span carries an exemplar naming it: {@code 1.0 # {span_id=...,trace_id=...} ...}. */
    static final String EXEMPLAR = "(?: # .*)?$";

    @TestHTTPResource("/")
    URI base;

    @Test
    void theChatMetersMoveWhenMessagesFlow() {
        double publishedBefore = metric("chat_messages_published_total");
        double deliveredBefore = metric("chat_messages_delivered_total");
        double fanOutsBefore = metric("chat_fanout_duration_seconds_count");
        try (ChatClient alice = ChatClient.join(base, "/chat/metered?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/metered?name=bob");
                SseClient sam = SseClient.open(base, "/api/rooms/metered/events?name=sam")) {
            sam.next("welcome");
            assertTrue(metric("chat_connections{transport=\"websocket\"}") >= 2);
            assertTrue(metric("chat_connections{transport=\"sse\"}") >= 1);

            alice.send("one");
            alice.send("two");
            bob.messages(2);
            sam.messages(2);

            assertEquals(publishedBefore + 2, metric("chat_messages_published_total"));
            assertTrue(metric("chat_messages_delivered_total") >= deliveredBefore + 6, "two messages to three members");
            assertEquals(fanOutsBefore + 2, metric("chat_fanout_duration_seconds_count"));
            assertTrue(Http.get(base, "/q/metrics").body().contains("chat_slow_consumer_disconnects_total"));
            assertTrue(Http.get(base, "/q/metrics").body().contains("chat_backplane_errors_total"));
        }
    }

    /**
     * With the SDK off nothing is traced, so no sample names a trace: not even one a caller's {@code traceparent}
     * made up, which Quarkus still carries in the request's context.
     */
    @Test
    void withTracingOffNoSampleNamesATrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        for (int i = 0; i < 3; i++) {
            assertEquals(201, Http.post(base, "/api/rooms/untraced/messages", "application/json",
                    "{\"name\":\"alice\",\"text\":\"hi\"}",
                    Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")).statusCode());
        }
        String exposition = Http.send(HttpRequest.newBuilder(Urls.http(base, "/q/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")).body();
        assertTrue(exposition.contains("chat_messages_published_total"), "the meters are there");
        assertFalse(exposition.contains(traceId), "no exemplar names the caller's trace");
        assertFalse(exposition.contains("trace_id="), () -> "no exemplar at all: " + exposition.lines()
                .filter(line -> line.contains("trace_id=")).limit(3).toList());
    }

    private double metric(String series) {
        String body = Http.get(base, "/q/metrics").body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)" + EXEMPLAR).matcher(body);
        if (series.contains("{")) {
            value = Pattern.compile("(?m)^" + Pattern.quote(series.substring(0, series.indexOf('{'))) + "\\{[^}]*"
                    + Pattern.quote(series.substring(series.indexOf('{') + 1, series.length() - 1)) + "[^}]*\\} ([0-9.eE+-]+)" + EXEMPLAR)
                    .matcher(body);
        }
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
