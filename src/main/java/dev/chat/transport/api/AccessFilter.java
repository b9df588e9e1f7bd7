package dev.chat.transport.api;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import dev.chat.auth.ApiKeys;
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
    private final ApiKeys keys;

    AccessFilter(Admission admission, Caller caller, ApiKeys keys) {
        this.admission = admission;
        this.caller = caller;
        this.keys = keys;
    }

    // After the origin check, so a foreign page learns nothing about tokens.
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Uni<Response> identify(ContainerRequestContext request, UriInfo uri, SimpleResourceInfo resource) {
        String key = request.getHeaderString(ApiKeys.HEADER);
        if (key != null) {
            // In either mode: a server key is the application speaking, and a wrong one is refused outright.
            if (!keys.matches(key)) {
                return Uni.createFrom().item(ApiError.response(401, "invalid API key"));
            }
            caller.server();
            return Uni.createFrom().nullItem();
        }
        // Sign-in's own paths (/auth/...) answer for the session cookie, not for a token.
        if (!admission.isTokenMode() || resource.getResourceClass() == AuthResource.class || !uri.getPath().startsWith("/api/")) {
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
