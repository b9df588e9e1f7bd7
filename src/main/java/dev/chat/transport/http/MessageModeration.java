package dev.chat.transport.http;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.room.Access;
import dev.chat.room.Rooms;
import dev.chat.transport.JoinRequest;
import io.smallrye.mutiny.Uni;

/** A moderator deletes a message: every member is told, and history keeps a tombstone in its place. */
@Path("/api/rooms/{room}/messages/{seq}")
@Produces(MediaType.APPLICATION_JSON)
public class MessageModeration {

    private final Rooms rooms;
    private final Access access;
    private final Caller caller;

    MessageModeration(Rooms rooms, Access access, Caller caller) {
        this.rooms = rooms;
        this.access = access;
        this.caller = caller;
    }

    @DELETE
    @Operation(summary = "Delete a message (moderators)", description = "Needs a token whose groups hold "
            + "chat.auth.moderator-group. Every member receives {\"type\":\"delete\",\"room\":...,\"seq\":N}; history "
            + "and replay keep a tombstone ({\"deleted\":true}, no text) in its place.")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "401", description = "no valid token")
    @APIResponse(responseCode = "403", description = "not a moderator, or open mode")
    @APIResponse(responseCode = "404", description = "the room has no such message")
    public Uni<Response> delete(@RestPath String room, @RestPath String seq) {
        access.checkModerator(caller.identity());
        String valid = Requests.valid(JoinRequest.of(room, null, null, null)).room();
        long position;
        try {
            position = Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw new RejectedException(Rejection.BAD_REQUEST, "seq must be a message seq");
        }
        return rooms.delete(valid, position).map(deleted -> deleted ? Response.noContent().build()
                : ApiError.response(404, "no message " + position + " in " + valid));
    }
}
