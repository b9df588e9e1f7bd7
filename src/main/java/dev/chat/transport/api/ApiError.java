package dev.chat.transport.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every refusal of the HTTP API has the same body: {@code {"error": "..."}}; a message the publish hook
 * refused gets {@code {"error": "rejected", "reason": "..."}}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String reason) {

    public ApiError(String error) {
        this(error, null);
    }

    public static Response response(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error)).build();
    }
}
