package dev.chat.transport.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.chat.auth.BearerToken;
import dev.chat.message.RejectedException;
import dev.chat.room.Admission;
import io.smallrye.mutiny.Uni;

/**
 * In token mode every API request carries a token, in the header or as {@code access_token}: 401 without a
 * valid one, 403 for a room it does not grant, before the endpoint runs. In open mode it does nothing, and
 * {@code /api/auth}, which tells the page the mode, needs no token.
 */
public class AccessFilter {

    private final Admission admission;
    private final Caller caller;

    AccessFilter(Admission admission, Caller caller) {
        this.admission = admission;
        this.caller = caller;
    }

    // After the origin check, so a foreign page learns nothing about tokens.
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Uni<Response> identify(ContainerRequestContext request, UriInfo uri, SimpleResourceInfo resource) {
        if (!admission.isTokenMode() || resource.getResourceClass() == AuthResource.class) {
            return Uni.createFrom().nullItem();
        }
        return admission.identify(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                uri.getQueryParameters().getFirst(BearerToken.QUERY_PARAMETER), uri.getPathParameters().getFirst("room"))
                .map(identity -> {
                    caller.identity(identity);
                    return (Response) null;
                })
                .onFailure(RejectedException.class)
                .recoverWithItem(failure -> ApiErrorMappers.refusal((RejectedException) failure));
    }
}
