package dev.chat.transport.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.chat.limits.SenderLimits;
import dev.chat.message.Identity;
import dev.chat.message.Post;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.room.Rooms;
import dev.chat.transport.JoinRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Sending over plain HTTP, and reading by polling (lecture ch. 9) or long polling (ch. 10). */
@Path("/api/rooms/{room}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    private final Rooms rooms;
    private final SenderLimits limits;
    private final LongPoll longPoll;
    private final Caller caller;

    MessagesResource(Rooms rooms, SenderLimits limits, LongPoll longPoll, Caller caller) {
        this.caller = caller;
        this.rooms = rooms;
        this.limits = limits;
        this.longPoll = longPoll;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message", description = "201 with the stored message, the same JSON every member receives.")
    public Uni<Response> send(@RestPath String room, PostRequest body, HttpServerRequest request) {
        if (body == null) {
            throw new RejectedException(Rejection.BAD_REQUEST, "body must be a JSON object with text");
        }
        Identity identity = caller.identity();
        limits.admit(Senders.of(request, identity));
        if (identity != null) {
            // Token mode: the sender is the token's user, whatever the body says.
            return rooms.send(new Post(Requests.valid(JoinRequest.of(room, null, null, null)).room(), identity.name(),
                    body.text(), body.ref(), identity.uid()))
                    .map(message -> Response.status(Response.Status.CREATED).entity(message).build());
        }
        JoinRequest sender = Requests.valid(JoinRequest.of(room, body.name(), null, null));
        return rooms.send(new Post(sender.room(), sender.name(), body.text(), body.ref()))
                .map(message -> Response.status(Response.Status.CREATED).entity(message).build());
    }

    @GET
    @Operation(summary = "Poll, or long-poll with wait", description = "Messages after since; with wait, holds the "
            + "request until one exists and answers 204 when none came within wait seconds.")
    public Uni<Response> poll(@RestPath String room,
            @RestQuery @Parameter(description = "last seq seen") String since,
            @RestQuery @Parameter(description = "epoch of since") String epoch,
            @RestQuery @Parameter(description = "seconds to wait for a message, 1-30") String wait) {
        JoinRequest reader = Requests.valid(JoinRequest.of(room, null, since, epoch));
        if (wait == null) {
            return rooms.history(reader.room(), reader.resume()).map(history -> Response.ok(PollResult.of(history)).build());
        }
        return longPoll.await(reader.room(), reader.resume(), Requests.waitSeconds(wait));
    }
}
