package dev.chat.transport.sse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.chat.wire.Frame;
import io.smallrye.mutiny.Multi;

/** How room frames look on an event stream, and what keeps the stream alive through proxies. */
@ApplicationScoped
public class SseEvents {

    /** Events a slow reader may fall behind by before its stream ends; it reconnects and resumes. */
    static final int BUFFERED_EVENTS = 4096;

    private final SseConfig config;

    SseEvents(SseConfig config) {
        this.config = config;
    }

    /**
     * The {@code retry:} line first, then the room's frames, with keepalive comments between them. The
     * stream ends when the frames do (a drain, a slow reader): the keepalive ticks alone never would.
     */
    Multi<OutboundSseEvent> stream(Sse sse, Multi<OutboundSseEvent> frames) {
        OutboundSseEvent retry = sse.newEventBuilder().reconnectDelay(config.retry().toMillis()).comment("chat").build();
        OutboundSseEvent end = sse.newEventBuilder().comment("end").build();
        Multi<OutboundSseEvent> keepalive = Multi.createFrom().ticks().startingAfter(config.keepalive()).every(config.keepalive())
                .map(tick -> sse.newEventBuilder().comment("keepalive").build());
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(retry),
                Multi.createBy().merging().streams(frames.onCompletion().continueWith(end), keepalive)
                        .select().first(event -> event != end));
    }

    OutboundSseEvent of(Sse sse, Frame frame) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().name(frame.type()).data(frame.json());
        if (frame.isMessage()) {
            event.id(Long.toString(frame.seq()));
        }
        return event.build();
    }
}
