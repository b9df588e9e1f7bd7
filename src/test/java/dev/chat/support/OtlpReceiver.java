package dev.chat.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.sun.net.httpserver.HttpServer;

/**
 * A trace collector for tests: it listens for OTLP over HTTP ({@code POST /v1/traces}, protobuf, as the
 * service's exporter sends it with {@code http/protobuf}) on a free loopback port and keeps every span
 * it receives. Several instances export to one receiver, so a test sees a trace across all of them.
 * The protobuf is read by field number (opentelemetry-proto's {@code trace.proto}), without generated
 * classes.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One received span; ids in hex, as trace viewers show them. */
    public record ReceivedSpan(String service, String instance, String traceId, String spanId, String parentSpanId,
            String name, int kind, Map<String, Object> attributes, List<String> links, long startNanos, long endNanos) {

        public boolean linksTo(ReceivedSpan other) {
            return links.contains(other.traceId() + "/" + other.spanId());
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new ArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    receiver.add(body.readAllBytes());
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code quarkus.otel.exporter.otlp.traces.endpoint} should be. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** ExportTraceServiceRequest: 1 resource_spans { 1 resource { 1 attributes }, 2 scope_spans { 2 spans } }. */
    private void add(byte[] request) throws IOException {
        List<ReceivedSpan> received = new ArrayList<>();
        for (ByteString resourceSpans : UnknownFieldSet.parseFrom(request).getField(1).getLengthDelimitedList()) {
            UnknownFieldSet resourceSpan = UnknownFieldSet.parseFrom(resourceSpans);
            Map<String, Object> resource = new LinkedHashMap<>();
            for (ByteString r : resourceSpan.getField(1).getLengthDelimitedList()) {
                resource.putAll(attributes(UnknownFieldSet.parseFrom(r), 1));
            }
            for (ByteString scope : resourceSpan.getField(2).getLengthDelimitedList()) {
                for (ByteString span : UnknownFieldSet.parseFrom(scope).getField(2).getLengthDelimitedList()) {
                    received.add(span(UnknownFieldSet.parseFrom(span), resource));
                }
            }
        }
        synchronized (this) {
            spans.addAll(received);
        }
    }

    /** Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 7/8 start/end (fixed64), 9 attributes, 13 links. */
    private static ReceivedSpan span(UnknownFieldSet span, Map<String, Object> resource) throws IOException {
        List<String> links = new ArrayList<>();
        for (ByteString link : span.getField(13).getLengthDelimitedList()) {
            UnknownFieldSet parsed = UnknownFieldSet.parseFrom(link);
            links.add(hex(parsed, 1) + "/" + hex(parsed, 2));
        }
        return new ReceivedSpan(String.valueOf(resource.get("service.name")),
                String.valueOf(resource.get("service.instance.id")), hex(span, 1), hex(span, 2), hex(span, 4),
                string(span, 5), span.getField(6).getVarintList().stream().findFirst().orElse(0L).intValue(),
                attributes(span, 9), links, span.getField(7).getFixed64List().stream().findFirst().orElse(0L),
                span.getField(8).getFixed64List().stream().findFirst().orElse(0L));
    }

    /** KeyValue: 1 key, 2 value (AnyValue: 1 string, 2 bool, 3 int, 4 double). */
    private static Map<String, Object> attributes(UnknownFieldSet owner, int field) throws IOException {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (ByteString pair : owner.getField(field).getLengthDelimitedList()) {
            UnknownFieldSet keyValue = UnknownFieldSet.parseFrom(pair);
            UnknownFieldSet value = UnknownFieldSet.parseFrom(keyValue.getField(2).getLengthDelimitedList().get(0));
            Object decoded = value.hasField(1) ? string(value, 1)
                    : value.hasField(3) ? value.getField(3).getVarintList().get(0)
                    : value.hasField(2) ? value.getField(2).getVarintList().get(0) != 0
                    : value.hasField(4) ? Double.longBitsToDouble(value.getField(4).getFixed64List().get(0)) : null;
            attributes.put(string(keyValue, 1), decoded);
        }
        return attributes;
    }

    private static String string(UnknownFieldSet message, int field) {
        List<ByteString> values = message.getField(field).getLengthDelimitedList();
        return values.isEmpty() ? "" : values.get(0).toStringUtf8();
    }

    private static String hex(UnknownFieldSet message, int field) {
        List<ByteString> values = message.getField(field).getLengthDelimitedList();
        return values.isEmpty() ? "" : HexFormat.of().formatHex(values.get(0).toByteArray());
    }
}
