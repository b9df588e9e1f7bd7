package dev.chat.transport.sse;

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
import dev.chat.message.Identity;
import dev.chat.room.Admission;
import dev.chat.room.Connection;
import dev.chat.room.Connections;
import dev.chat.room.JoinRequest;
import dev.chat.transport.api.Caller;
import dev.chat.transport.api.Requests;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/** Server-Sent Events (lecture ch. 11): the room as an event stream that resumes by {@code Last-Event-ID}. */
@Path("/api/rooms/{room}/events")
public class EventsResource {

    private final Connections connections;
    private final Admission admission;
    private final SseEvents events;
    private final FanOutMeters meters;
    private final Caller caller;

    EventsResource(Connections connections, Admission admission, SseEvents events, FanOutMeters meters, Caller caller) {
        this.connections = connections;
        this.admission = admission;
        this.events = events;
        this.meters = meters;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream a room", description = "Messages as 'message' events with id = seq; join, leave, "
            + "gap and welcome events without id; a keepalive comment every 15 s.")
    public Multi<OutboundSseEvent> stream(@RestPath String room, @RestQuery String name, @RestQuery String since,
            @RestQuery String epoch, @RestHeader("Last-Event-ID") String lastEventId, @Context Sse sse) {
        String position = lastEventId == null || lastEventId.isBlank() ? since : lastEventId.trim();
        Identity identity = caller.identity();
        JoinRequest join = valid(JoinRequest.of(room, identity == null ? name : null, position, epoch), identity);
        // A stream that gave no name only listens.
        JoinRequest listener = identity == null && (name == null || name.isEmpty()) ? join.anonymous() : join;
        Multi<OutboundSseEvent> frames = Multi.createFrom().emitter(emitter -> {
            Connection connection = connections.open(listener, identity, new SseSink(emitter, events, sse));
            emitter.onTermination(connection::close);
            connection.join().subscribe().with(started -> {
            }, emitter::fail);
        }, SseEvents.BUFFERED_EVENTS);
        return events.stream(sse, frames.onFailure(BackPressureFailure.class).invoke(meters::slowConsumer));
    }

    /** The place {@link StreamAdmission} held goes back when the request is refused here. */
    private JoinRequest valid(JoinRequest join, Identity identity) {
        try {
            return Requests.valid(join);
        } catch (RuntimeException refused) {
            admission.releaseConnection(identity);
            throw refused;
        }
    }
}
