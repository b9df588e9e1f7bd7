package dev.chat.trace;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.ChatMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * The spans of one message: {@code chat send} from the POST or frame until the backplane has stored it,
 * then one {@code chat fan-out} on each instance that hands it to local members, linked to the send
 * span (a link, not a child: every instance fans out on its own time, and a trace viewer shows them
 * side by side). Between instances the send span's context travels with the message as a W3C
 * {@code traceparent} value. With the SDK off, the default, these are OpenTelemetry's no-op spans.
 */
@ApplicationScoped
public class MessageTraces {

    private static final AttributeKey<String> ROOM = AttributeKey.stringKey("chat.room");
    private static final AttributeKey<Long> SEQ = AttributeKey.longKey("chat.seq");
    private static final AttributeKey<Long> RECIPIENTS = AttributeKey.longKey("chat.recipients");

    private final Tracer tracer;

    MessageTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts a post's send span, a child of the current span (a POST's server span) when there is one. */
    public Span send(String room) {
        return tracer.spanBuilder("chat send").setSpanKind(SpanKind.PRODUCER).setAttribute(ROOM, room).startSpan();
    }

    /**
     * Makes a real span current; a no-op span (tracing off) is not, since making anything current stores it
     * in the connection's Vert.x context, a map per WebSocket that would otherwise never exist.
     */
    public static Scope current(Span span) {
        return span.getSpanContext().isValid() ? span.makeCurrent() : Scope.noop();
    }

    public static void stored(Span send, ChatMessage message) {
        send.setAttribute(SEQ, message.seq());
        send.end();
    }

    public static void refused(Span send, Throwable failure) {
        send.setStatus(StatusCode.ERROR, failure.getMessage());
        send.end();
    }

    /** Starts the fan-out span of a message, linked to its send span (on this instance or another) when it has one. */
    public Span fanOut(ChatMessage message, SpanContext sender) {
        SpanBuilder span = tracer.spanBuilder("chat fan-out").setSpanKind(SpanKind.CONSUMER).setNoParent()
                .setAttribute(ROOM, message.room()).setAttribute(SEQ, message.seq());
        if (sender.isValid()) {
            span.addLink(sender);
        }
        return span.startSpan();
    }

    public static void fannedOut(Span fanOut, int recipients) {
        fanOut.setAttribute(RECIPIENTS, (long) recipients);
        fanOut.end();
    }

    /** The current span as a {@code traceparent} value, or "" when nothing is traced. */
    public static String traceparent() {
        SpanContext current = Span.current().getSpanContext();
        if (!current.isValid()) {
            return "";
        }
        return "00-" + current.getTraceId() + "-" + current.getSpanId() + "-" + current.getTraceFlags().asHex();
    }

    /**
     * The span a {@code traceparent} value names; invalid for "" or garbage. Passed on explicitly rather than
     * made current: room channels are read on an event loop's own context, where Quarkus keeps no current span.
     */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.length() != 55 || !traceparent.startsWith("00-")) {
            return SpanContext.getInvalid();
        }
        return SpanContext.createFromRemoteParent(traceparent.substring(3, 35), traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53), TraceState.getDefault());
    }
}
