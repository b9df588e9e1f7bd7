package dev.chat.transport.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.chat.fanout.FanOutMeters;
import dev.chat.fanout.Member;
import dev.chat.message.Identity;
import dev.chat.room.Rooms;
import dev.chat.transport.JoinRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/** Server-Sent Events (lecture ch. 11): the room as an event stream that resumes by {@code Last-Event-ID}. */
@Path("/api/rooms/{room}/events")
public class EventsResource {

    private final Rooms rooms;
    private final SseEvents events;
    private final FanOutMeters meters;
    private final Caller caller;
    private final StreamTokens tokens;

    EventsResource(Rooms rooms, SseEvents events, FanOutMeters meters, Caller caller, StreamTokens tokens) {
        this.caller = caller;
        this.tokens = tokens;
        this.rooms = rooms;
        this.events = events;
        this.meters = meters;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream a room", description = "Messages as 'message' events with id = seq; join, leave, "
            + "gap and welcome events without id; a keepalive comment every 15 s.")
    public Multi<OutboundSseEvent> stream(@RestPath String room, @RestQuery String name, @RestQuery String since,
            @RestQuery String epoch, @RestHeader("Last-Event-ID") String lastEventId, @Context Sse sse) {
        String position = lastEventId == null || lastEventId.isBlank() ? since : lastEventId.trim();
        Identity identity = caller.identity();
        JoinRequest listener = Requests.valid(JoinRequest.of(room, identity == null ? name : null, position, epoch));
        String member = identity != null ? identity.name() : name == null || name.isEmpty() ? null : listener.name();
        tokens.opened(identity);
        Multi<OutboundSseEvent> frames = Multi.createFrom().emitter(emitter -> {
            Member joined = new Member(listener.room(), member, identity == null ? null : identity.uid(),
                    new SseSink(emitter, events, sse));
            Runnable expiry = tokens.endAtExpiry(identity, joined);
            emitter.onTermination(() -> {
                expiry.run();
                rooms.leave(joined);
            });
            rooms.join(joined, listener.resume(), identity).subscribe().with(started -> {
            }, emitter::fail);
        }, SseEvents.BUFFERED_EVENTS);
        return events.stream(sse, frames.onFailure(BackPressureFailure.class).invoke(meters::slowConsumer));
    }
}
