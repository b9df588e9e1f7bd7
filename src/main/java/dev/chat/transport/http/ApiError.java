package dev.chat.transport.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every refusal of the HTTP API has the same body: {@code {"error": "..."}}. */
@RegisterForReflection
public record ApiError(String error) {

    static Response response(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error)).build();
    }
}
