package dev.chat.transport.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.chat.transport.OriginPolicy;

/** The API refuses requests a browser makes for a foreign page, as the WebSocket upgrade does. */
public class OriginFilter {

    private final OriginPolicy origins;

    OriginFilter(OriginPolicy origins) {
        this.origins = origins;
    }

    @ServerRequestFilter
    public Response checkOrigin(ContainerRequestContext request) {
        if (origins.allows(request.getHeaderString("Origin"), request.getHeaderString(HttpHeaders.HOST))) {
            return null;
        }
        return ApiError.response(403, "origin not allowed");
    }
}
