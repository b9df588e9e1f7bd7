package dev.chat.transport.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chat.auth.AuthConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the page needs to know before it has a token: the mode, and where fresh tokens come from. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record AuthInfo(String mode, String tokenUrl) {
    }

    private final AuthInfo info;

    AuthResource(AuthConfig config) {
        this.info = new AuthInfo(config.isToken() ? "token" : "open", config.isToken() ? config.tokenUrl().orElse(null) : null);
    }

    @GET
    @Operation(summary = "The access mode (open or token) and the token URL the page refreshes from; needs no token")
    public AuthInfo info() {
        return info;
    }
}
