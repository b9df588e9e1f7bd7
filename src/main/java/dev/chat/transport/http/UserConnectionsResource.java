package dev.chat.transport.http;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import dev.chat.transport.api.Caller;
import dev.chat.room.Rooms;
import io.smallrye.mutiny.Uni;

/** A moderator disconnects a user from every instance, on every transport; the room's rules check who asks. */
@Path("/api/users/{sub}/connections")
@Produces(MediaType.APPLICATION_JSON)
public class UserConnectionsResource {

    private final Rooms rooms;
    private final Caller caller;

    UserConnectionsResource(Rooms rooms, Caller caller) {
        this.rooms = rooms;
        this.caller = caller;
    }

    @DELETE
    @Operation(summary = "Disconnect a user everywhere (moderators)", description = "Needs a token whose groups hold "
            + "chat.auth.moderator-group. Every WebSocket of the user closes with 1008, every event stream ends, on "
            + "every instance. The user may reconnect while its tokens are valid: a ban is the identity provider's.")
    @APIResponse(responseCode = "204", description = "the user's connections are being closed")
    @APIResponse(responseCode = "401", description = "no valid token")
    @APIResponse(responseCode = "403", description = "not a moderator, or open mode")
    public Uni<Response> disconnect(@RestPath String sub) {
        Uni<Void> disconnect = caller.isServer() ? rooms.disconnectUserEverywhere(sub)
                : rooms.disconnectUser(caller.identity(), sub);
        return disconnect.map(done -> Response.noContent().build());
    }
}
