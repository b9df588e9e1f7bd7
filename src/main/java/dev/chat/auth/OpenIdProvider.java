package dev.chat.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenID provider people sign in with, when {@code quarkus.oidc.auth-server-url} names one. Its tokens
 * are the ones every transport accepts then: quarkus-oidc runs the sign-in, and the same settings tell
 * {@link TokenVerifier} whose keys and issuer to trust and which audience a token must be for
 * ({@code quarkus.oidc.token.audience}, else the chat's own {@code quarkus.oidc.client-id}).
 */
@ApplicationScoped
public class OpenIdProvider {

    private final Optional<String> authServerUrl;
    private final Optional<String> issuer;
    private final Set<String> audiences;

    OpenIdProvider(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId,
            @ConfigProperty(name = "quarkus.oidc.token.issuer") Optional<String> issuer,
            @ConfigProperty(name = "quarkus.oidc.token.audience") Optional<List<String>> audience) {
        this.authServerUrl = authServerUrl.filter(url -> !url.isBlank());
        // quarkus-oidc's "any" turns the issuer check off; here it means "whichever discovery names".
        this.issuer = issuer.filter(named -> !"any".equals(named));
        this.audiences = Set.copyOf(audience.orElseGet(() -> clientId.map(List::of).orElse(List.of())));
    }

    /** Whether people sign in from the page, and tokens are the provider's. */
    public boolean isConfigured() {
        return authServerUrl.isPresent();
    }

    VerificationKeys keys(ObjectMapper mapper) {
        if (audiences.isEmpty()) {
            throw new IllegalStateException("quarkus.oidc.client-id (or quarkus.oidc.token.audience) must be set");
        }
        return new IssuerKeys(authServerUrl.orElseThrow(), issuer.orElse(null), audiences, mapper);
    }
}
