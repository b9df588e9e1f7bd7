package dev.chat.trace;

import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Takes no server span for a request that lasts as long as its connection: a WebSocket upgrade
 * ({@code /}, {@code /chat/{room}}) or an event stream. Such a span would live, and be held in memory,
 * for hours per connection and say nothing about any message. Everything else is sampled as
 * {@code parentbased_traceidratio} with {@code quarkus.otel.traces.sampler.arg} (1.0, all): Quarkus uses
 * this bean instead of {@code quarkus.otel.traces.sampler}.
 */
@Singleton
class ConnectionRequestSampler implements Sampler {

    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");

    private final Sampler sampled;

    ConnectionRequestSampler(@ConfigProperty(name = "quarkus.otel.traces.sampler.arg", defaultValue = "1.0") double ratio) {
        this.sampled = Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
    }

    @Override
    public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind, Attributes attributes,
            List<LinkData> links) {
        if (kind == SpanKind.SERVER && isConnection(attributes.get(PATH))) {
            return SamplingResult.drop();
        }
        return sampled.shouldSample(parent, traceId, name, kind, attributes, links);
    }

    static boolean isConnection(String path) {
        return path != null && (path.equals("/") || path.startsWith("/chat/")
                || path.startsWith("/api/rooms/") && path.endsWith("/events"));
    }

    @Override
    public String getDescription() {
        return "no spans for WebSocket upgrades and event streams, else " + sampled.getDescription();
    }
}
