package dev.chat.auth;

import java.net.URI;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.auth.AuthConfig;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Verifies a client's JWT with SmallRye JWT and the standard {@code mp.jwt.verify.*} configuration
 * (issuer, audiences, algorithms {@code RS256}/{@code ES256}, expiry), and says who it names. The key
 * comes from {@code mp.jwt.verify.publickey.location}: an HTTP(S) JWKS through {@link JwksKeys}, which
 * bounds how often the set is fetched, or a PEM or JWKS file through {@link FileKeys}; an inline
 * {@code mp.jwt.verify.publickey} is left to SmallRye JWT itself. When people sign in with an OpenID
 * provider ({@link OpenIdProvider}), its discovered keys, issuer and the chat's audience are used instead.
 *
 * <p>Every refusal is the same 401 to the client; why is logged at debug level, never the token.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    private final Instance<JWTParser> parser;
    private final IdentityClaims claims;
    private final ObjectMapper mapper;
    private final VerificationKeys keys;

    TokenVerifier(Instance<JWTParser> parser, AuthConfig config, ObjectMapper mapper,
            OpenIdProvider provider, @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location) {
        this.parser = parser;
        this.claims = new IdentityClaims(config);
        this.mapper = mapper;
        this.keys = provider.isConfigured() ? provider.keys(mapper)
                : location.<VerificationKeys>map(url -> url.startsWith("http://") || url.startsWith("https://")
                        ? new JwksKeys(URI.create(url)) : new FileKeys(url)).orElse(null);
    }

    /** The identity the token names; fails with a 401 {@link RejectedException} for a missing or invalid token. */
    public Uni<Identity> verify(String token) {
        if (token == null || token.isEmpty()) {
            return Uni.createFrom().failure(new RejectedException(Rejection.UNAUTHORIZED, "token required"));
        }
        Uni<JsonWebToken> verified;
        if (keys != null) {
            String kid;
            try {
                kid = keyId(token);
            } catch (RuntimeException malformed) {
                return refused(malformed);
            }
            verified = keys.key(kid).map(key -> {
                try {
                    return keys.verify(parser.get(), token, key);
                } catch (Exception e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            });
        } else {
            verified = Uni.createFrom().item(() -> {
                try {
                    return parser.get().parse(token);
                } catch (Exception e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return verified.map(claims::identity)
                .onFailure(failure -> !(failure instanceof RejectedException)).recoverWithUni(this::refused);
    }

    private <T> Uni<T> refused(Throwable why) {
        LOG.debugf("token refused: %s", why.getMessage());
        return Uni.createFrom().failure(new RejectedException(Rejection.UNAUTHORIZED, "invalid token"));
    }

    /** The {@code kid} of the token's header, before anything is trusted: it only picks the key to try. */
    private String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("not a JWS");
        }
        try {
            JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            JsonNode kid = header.get("kid");
            return kid != null && kid.isTextual() ? kid.textValue() : null;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable header", e);
        }
    }
}
