package dev.chat.transport.sse;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.chat.message.RejectedException;
import dev.chat.room.Admission;
import dev.chat.transport.api.ApiError;
import dev.chat.transport.api.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Holds an event stream's place among its user's connections before the stream starts: once it has, the
 * status is sent and a 429 could no longer be. With Redis, asking the cluster's count takes a round trip,
 * so it is done here, after the token is verified and before {@link EventsResource} runs.
 */
public class StreamAdmission {

    private final Admission admission;
    private final Caller caller;

    StreamAdmission(Admission admission, Caller caller) {
        this.admission = admission;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.USER + 200)
    public Uni<Response> hold(SimpleResourceInfo resource) {
        if (resource.getResourceClass() != EventsResource.class || caller.identity() == null) {
            return Uni.createFrom().nullItem();
        }
        return admission.holdConnection(caller.identity()).map(held -> (Response) null)
                .onFailure(RejectedException.class).recoverWithItem(failure -> ApiError.response(
                        ((RejectedException) failure).rejection().httpStatus(), failure.getMessage()));
    }
}
