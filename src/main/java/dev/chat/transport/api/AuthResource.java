package dev.chat.transport.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chat.auth.AuthConfig;
import dev.chat.auth.OpenIdProvider;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the page needs to know before it has a token: the mode, where fresh tokens come from, and, when people
 * sign in with an OpenID provider, where they sign in and out.
 */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record AuthInfo(String mode, String tokenUrl, String signIn, String signOut) {
    }

    private final AuthInfo info;

    AuthResource(AuthConfig config, OpenIdProvider provider) {
        boolean signIn = config.isToken() && provider.isConfigured();
        this.info = signIn ? new AuthInfo("token", "/auth/token", "/auth/login", "/auth/logout")
                : new AuthInfo(config.isToken() ? "token" : "open", config.isToken() ? config.tokenUrl().orElse(null) : null,
                        null, null);
    }

    @GET
    @Operation(summary = "The access mode (open or token), the token URL the page refreshes from, and the sign-in and "
            + "sign-out paths when an OpenID provider is configured; needs no token")
    public AuthInfo info() {
        return info;
    }
}
