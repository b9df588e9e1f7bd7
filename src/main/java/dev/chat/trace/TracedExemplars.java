package dev.chat.trace;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.prometheus.client.exemplars.DefaultExemplarSampler;
import io.prometheus.client.exemplars.ExemplarSampler;
import io.prometheus.client.exemplars.tracer.common.SpanContextSupplier;

/**
 * Exemplars at {@code /q/metrics} name a trace only when traces are exported. With the SDK off, Quarkus still
 * hands out spans with ids of their own (and carries a caller's {@code traceparent}), and its exemplar sampler
 * would link samples to traces that exist nowhere; here the sampler is left out instead.
 */
@Singleton
class TracedExemplars {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Optional<ExemplarSampler> exemplarSampler(@ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        return sdkDisabled ? Optional.empty() : Optional.of(new DefaultExemplarSampler(new CurrentSpan()));
    }

    /** The span current where a meter is sampled, if it is one that is recorded and sampled. */
    private static final class CurrentSpan implements SpanContextSupplier {

        @Override
        public String getTraceId() {
            return current().getTraceId();
        }

        @Override
        public String getSpanId() {
            return current().getSpanId();
        }

        @Override
        public boolean isSampled() {
            SpanContext current = current();
            return current.isValid() && current.isSampled();
        }

        private static SpanContext current() {
            return Span.current().getSpanContext();
        }
    }
}
