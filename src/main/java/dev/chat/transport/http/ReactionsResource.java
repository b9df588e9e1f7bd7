package dev.chat.transport.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.room.JoinRequest;
import dev.chat.room.ReactionRules;
import dev.chat.transport.api.Caller;
import dev.chat.transport.api.Requests;
import dev.chat.wire.ReactionsNotice;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Toggling a reaction for clients without a WebSocket; they learn of others' by their event stream or poll. */
@Path("/api/rooms/{room}/messages/{seq}/reactions")
@Produces(MediaType.APPLICATION_JSON)
public class ReactionsResource {

    /** The body: the emoji to toggle, and in open mode the name that reacts. */
    public record ReactionRequest(String emoji, String name) {
    }

    private final ReactionRules reactions;
    private final Caller caller;

    ReactionsResource(ReactionRules reactions, Caller caller) {
        this.reactions = reactions;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Toggle a reaction", description = "Adds the caller's emoji to message seq, or takes it back if "
            + "the caller had it. Every member receives {\"type\":\"reactions\",\"room\",\"seq\",\"reactions\":{emoji: count}}, "
            + "the message's counts after the toggle, and the answer is that same JSON. The caller is the token's user, or "
            + "in open mode the name given.")
    @APIResponse(responseCode = "200", description = "toggled; the message's counts")
    @APIResponse(responseCode = "400", description = "not one emoji, no name in open mode, or one emoji too many")
    @APIResponse(responseCode = "404", description = "the room has no such message (never sent, deleted, or gone from history)")
    @APIResponse(responseCode = "429", description = "toggling or sending too fast")
    public Uni<ReactionsNotice> toggle(@RestPath String room, @RestPath String seq, ReactionRequest body,
            HttpServerRequest request) {
        if (body == null) {
            throw new RejectedException(Rejection.BAD_REQUEST, "body must be a JSON object with emoji");
        }
        Identity identity = caller.identity();
        if (identity == null && (body.name() == null || body.name().isEmpty())) {
            throw new RejectedException(Rejection.BAD_REQUEST, "name is required to react in open mode");
        }
        long position;
        try {
            position = Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw new RejectedException(Rejection.BAD_REQUEST, "seq must be a message seq");
        }
        JoinRequest sender = Requests.valid(JoinRequest.of(room, identity == null ? body.name() : null, null, null));
        return reactions.react(sender, position, body.emoji(), identity, request.remoteAddress().hostAddress())
                .map(counts -> new ReactionsNotice(sender.room(), position, counts));
    }
}
