package dev.chat.transport.sse;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.chat.fanout.Disconnect;
import dev.chat.fanout.Sink;
import dev.chat.wire.Frame;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A member's frames as events on its stream; ending the stream makes the EventSource reconnect.
 * Events are emitted on the stream's own event loop: fan-out runs on the sender's thread, and an
 * HTTP/2 stream written from a foreign thread contends for its connection's lock.
 */
final class SseSink implements Sink {

    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final SseEvents events;
    private final Sse sse;
    private final Context context;

    SseSink(MultiEmitter<? super OutboundSseEvent> emitter, SseEvents events, Sse sse) {
        this.emitter = emitter;
        this.events = events;
        this.sse = sse;
        this.context = Vertx.currentContext();
    }

    @Override
    public String transport() {
        return "sse";
    }

    @Override
    public void write(Frame frame) {
        onStream(() -> emitter.emit(events.of(sse, frame)));
    }

    @Override
    public void disconnect(Disconnect reason) {
        onStream(emitter::complete);
    }

    private void onStream(Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
