package dev.chat.transport.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.chat.message.RateLimitedException;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/** Turns refused messages into the HTTP status the contract names for them. */
public class ApiErrorMappers {

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException limited) {
        Response response = ApiError.response(429, limited.getMessage());
        return Response.fromResponse(response).header("Retry-After", limited.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response rejected(RejectedException rejected) {
        return refusal(rejected);
    }

    static Response refusal(RejectedException rejected) {
        if (rejected.rejection() == Rejection.REJECTED) {
            return Response.status(422).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(Rejection.REJECTED.code(), rejected.getMessage())).build();
        }
        Response response = ApiError.response(rejected.rejection().httpStatus(), rejected.getMessage());
        if (rejected.rejection() == Rejection.UNAUTHORIZED) {
            return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
        }
        return response;
    }
}
