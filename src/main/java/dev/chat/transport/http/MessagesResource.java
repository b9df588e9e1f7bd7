package dev.chat.transport.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.chat.transport.api.Caller;
import dev.chat.transport.api.ApiError;
import dev.chat.transport.api.Requests;
import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.room.EditRules;
import dev.chat.room.Rooms;
import dev.chat.room.Admission;
import dev.chat.room.JoinRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Sending over plain HTTP, reading by polling (lecture ch. 9) or long polling (ch. 10), and a moderator's
 * deletion of a message, and an author's edit.
 */
@Path("/api/rooms/{room}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    private final Rooms rooms;
    private final LongPoll longPoll;
    private final Caller caller;
    private final Admission admission;
    private final EditRules edits;

    MessagesResource(Rooms rooms, LongPoll longPoll, Caller caller, Admission admission, EditRules edits) {
        this.edits = edits;
        this.caller = caller;
        this.admission = admission;
        this.rooms = rooms;
        this.longPoll = longPoll;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message", description = "201 with the stored message, the same JSON every member receives.")
    public Uni<Response> send(@RestPath String room, PostRequest body, HttpServerRequest request) {
        if (body == null) {
            throw new RejectedException(Rejection.BAD_REQUEST, "body must be a JSON object with text");
        }
        if (caller.isServer()) {
            // The application's backend: any room, any name, and no sender's rate limit.
            return rooms.postAsApplication(Requests.valid(JoinRequest.of(room, body.name(), null, null)), body.text(), body.ref())
                    .map(message -> Response.status(Response.Status.CREATED).entity(message).build());
        }
        Identity identity = caller.identity();
        JoinRequest sender = Requests.valid(JoinRequest.of(room, identity == null ? body.name() : null, null, null));
        return rooms.post(sender, body.text(), body.ref(), identity, request.remoteAddress().hostAddress())
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
        int seconds = Requests.waitSeconds(wait);
        return admission.holdingConnection(caller.identity(), () -> longPoll.await(reader.room(), reader.resume(), seconds));
    }

    @DELETE
    @Path("{seq}")
    @Operation(summary = "Delete a message (moderators)", description = "Needs a token whose groups hold "
            + "chat.auth.moderator-group. Every member receives {\"type\":\"delete\",\"room\":...,\"seq\":N}; history "
            + "and replay keep a tombstone ({\"deleted\":true}, no text) in its place.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "401", description = "no valid token")
    @APIResponse(responseCode = "403", description = "not a moderator, or open mode")
    @APIResponse(responseCode = "404", description = "the room has no such message")
    public Uni<Response> delete(@RestPath String room, @RestPath String seq) {
        String valid = Requests.valid(JoinRequest.of(room, null, null, null)).room();
        long position;
        try {
            position = Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw new RejectedException(Rejection.BAD_REQUEST, "seq must be a message seq");
        }
        Uni<Boolean> deletion = caller.isServer() ? rooms.deleteAsApplication(valid, position)
                : rooms.delete(caller.identity(), valid, position);
        return deletion.map(deleted -> deleted ? Response.noContent().build()
                : ApiError.response(404, "no message " + position + " in " + valid));
    }

    @PATCH
    @Path("{seq}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a message", description = "Body {\"text\":...}. In token mode the author edits their "
            + "own message (a moderator any, the server key any) within chat.edit.window; every member receives "
            + "{\"type\":\"edit\",\"room\":...,\"seq\":N,\"text\":...,\"edited\":ms}. In open mode only the WebSocket "
            + "that posted a message may edit it, so this answers 403.")
    @APIResponse(responseCode = "200", description = "the edit, as members receive it")
    @APIResponse(responseCode = "403", description = "not the author nor a moderator, or open mode")
    @APIResponse(responseCode = "404", description = "the room retains no such message")
    @APIResponse(responseCode = "410", description = "deleted, or older than chat.edit.window")
    public Uni<Response> edit(@RestPath String room, @RestPath String seq, PostRequest body) {
        String valid = Requests.valid(JoinRequest.of(room, null, null, null)).room();
        if (body == null) {
            throw new RejectedException(Rejection.BAD_REQUEST, "body must be a JSON object with text");
        }
        long position = seqOf(seq);
        return (caller.isServer() ? edits.editAsApplication(valid, position, body.text())
                : edits.editOverHttp(valid, position, body.text(), caller.identity()))
                .map(edit -> Response.ok(edit).build());
    }

    private static long seqOf(String seq) {
        try {
            return Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw new RejectedException(Rejection.BAD_REQUEST, "seq must be a message seq");
        }
    }
}
