package dev.chat.transport.http;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import dev.chat.transport.api.Caller;
import dev.chat.transport.api.Requests;
import dev.chat.message.Identity;
import dev.chat.room.JoinRequest;
import dev.chat.room.TypingRules;
import io.vertx.core.http.HttpServerRequest;

/** Telling the room one is typing, for clients without a WebSocket (they hear it on their event stream). */
@Path("/api/rooms/{room}/typing")
public class TypingResource {

    /** The optional body: the name to show in open mode. */
    public record TypingRequest(String name) {
    }

    private final TypingRules typing;
    private final Caller caller;

    TypingResource(TypingRules typing, Caller caller) {
        this.typing = typing;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Say you are typing", description = "Members on WebSockets and event streams receive "
            + "{\"type\":\"typing\",\"room\",\"name\",\"uid\"}; relayed at most once per chat.typing.interval per "
            + "sender, not stored, and not at all in a room over chat.presence.announce-up-to.")
    @APIResponse(responseCode = "204", description = "taken (relayed, or dropped within the interval)")
    public Response typing(@RestPath String room, TypingRequest body, HttpServerRequest request) {
        Identity identity = caller.identity();
        String name = identity == null && body != null ? body.name() : null;
        JoinRequest sender = Requests.valid(JoinRequest.of(room, name, null, null));
        typing.typing(sender, identity, request.remoteAddress().hostAddress());
        return Response.noContent().build();
    }
}
