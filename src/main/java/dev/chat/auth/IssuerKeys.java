package dev.chat.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * The keys of an OpenID provider, found by discovery: its {@code /.well-known/openid-configuration} names
 * the issuer every token must carry and the JWKS its keys are in ({@link JwksKeys}, with its bounds on
 * refetching). Discovery happens on the first token, so the service starts while the provider is still
 * down; a failed one is tried again, at most once per {@link JwksKeys#MIN_REFETCH}.
 */
final class IssuerKeys implements VerificationKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Discovered(String issuer, JwksKeys keys) {
    }

    private final URI discovery;
    private final String expectedIssuer;
    private final Set<String> audiences;
    private final ObjectMapper mapper;
    private volatile Discovered discovered;
    private CompletableFuture<Discovered> inFlight;
    private long lastAttemptNanos;
    private boolean everAttempted;

    /**
     * @param expectedIssuer the issuer tokens must carry; null takes the one discovery names
     * @param audiences a token must name at least one of them in {@code aud}
     */
    IssuerKeys(String authServerUrl, String expectedIssuer, Set<String> audiences, ObjectMapper mapper) {
        this.discovery = URI.create(authServerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        this.expectedIssuer = expectedIssuer;
        this.audiences = Set.copyOf(audiences);
        this.mapper = mapper;
    }

    @Override
    public Uni<PublicKey> key(String kid) {
        Discovered known = discovered;
        if (known != null) {
            return known.keys().key(kid);
        }
        CompletableFuture<Discovered> started = discover();
        if (started == null) {
            return Uni.createFrom().failure(new IllegalStateException("the provider's discovery failed a moment ago"));
        }
        return Uni.createFrom().completionStage(started).chain(found -> found.keys().key(kid));
    }

    @Override
    public JsonWebToken verify(JWTParser parser, String token, PublicKey key) throws ParseException {
        JWTAuthContextInfo expected = new JWTAuthContextInfo(key, expectedIssuer != null ? expectedIssuer : discovered.issuer());
        expected.setExpectedAudience(audiences);
        expected.setSignatureAlgorithm(EnumSet.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
        return parser.parse(token, expected);
    }

    private synchronized CompletableFuture<Discovered> discover() {
        if (inFlight != null) {
            return inFlight;
        }
        long now = System.nanoTime();
        if (everAttempted && now - lastAttemptNanos < JwksKeys.MIN_REFETCH.toNanos()) {
            return null;
        }
        everAttempted = true;
        lastAttemptNanos = now;
        HttpRequest request = HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build();
        CompletableFuture<Discovered> started = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::parse)
                .whenComplete(this::done);
        inFlight = started;
        return started;
    }

    private synchronized void done(Discovered found, Throwable failure) {
        inFlight = null;
        if (failure != null) {
            LOG.warnf("cannot read the OpenID provider's discovery at %s: %s", discovery, failure.toString());
            return;
        }
        discovered = found;
    }

    private Discovered parse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        try {
            JsonNode document = mapper.readTree(response.body());
            String issuer = document.path("issuer").asText(null);
            String jwks = document.path("jwks_uri").asText(null);
            if (issuer == null || jwks == null) {
                throw new IllegalStateException("no issuer or jwks_uri");
            }
            return new Discovered(issuer, new JwksKeys(URI.create(jwks)));
        } catch (Exception e) {
            throw new IllegalStateException("not a discovery document: " + e.getMessage(), e);
        }
    }
}
