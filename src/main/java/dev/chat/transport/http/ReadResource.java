package dev.chat.transport.http;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import dev.chat.message.Identity;
import dev.chat.room.JoinRequest;
import dev.chat.room.ReadRules;
import dev.chat.transport.api.Caller;
import dev.chat.transport.api.Requests;
import io.smallrye.mutiny.Uni;

/** Marking a room read, for clients without a WebSocket (token mode). */
@Path("/api/rooms/{room}/read")
public class ReadResource {

    /** {@code seq}: the last message read. */
    public record ReadRequest(Long seq) {
    }

    private final ReadRules read;
    private final Caller caller;

    ReadResource(ReadRules read, Caller caller) {
        this.read = read;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Mark the room read up to seq (token mode)", description = "The caller's mark only moves "
            + "forward; the caller's own WebSockets and event streams in the room receive {\"type\":\"read\",\"room\","
            + "\"seq\"}, nobody else does. Written at most once per chat.read.interval: marks within it are coalesced "
            + "into the highest, answered 204 at once.")
    @APIResponse(responseCode = "204", description = "marked (or coalesced)")
    @APIResponse(responseCode = "400", description = "seq missing, not a whole number, negative, or past the last message")
    @APIResponse(responseCode = "403", description = "open mode, or a server key: marks belong to signed-in users")
    public Uni<Response> read(@RestPath String room, ReadRequest body) {
        String valid = Requests.valid(JoinRequest.of(room, null, null, null)).room();
        Identity identity = caller.identity();
        return read.read(valid, identity == null ? null : identity.uid(), body == null ? null : body.seq(), late -> {
        }).map(done -> Response.noContent().build());
    }
}
