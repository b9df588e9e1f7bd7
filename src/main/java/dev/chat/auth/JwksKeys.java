package dev.chat.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

import io.smallrye.mutiny.Uni;

/**
 * The public keys of a JWKS URL, by {@code kid}. A token naming a {@code kid} the cache does not know makes
 * it fetch the set again, so a rotated-in key is honoured at once; but never more than once per
 * {@link #MIN_REFETCH}, so tokens with made-up {@code kid}s cannot turn the service into a load generator
 * against the key server. The set is also refetched when it is older than {@link #MAX_AGE}, so a key
 * removed from it stops being accepted.
 */
final class JwksKeys implements VerificationKeys {

    static final Duration MIN_REFETCH = Duration.ofSeconds(10);
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI location;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile long fetchedAtNanos;
    private long lastFetchStartNanos;
    private boolean everFetched;
    private CompletableFuture<Map<String, PublicKey>> inFlight;

    JwksKeys(URI location) {
        this.location = location;
    }

    @Override
    public Uni<PublicKey> key(String kid) {
        PublicKey known = pick(keys, kid);
        if (known != null) {
            if (System.nanoTime() - fetchedAtNanos > MAX_AGE.toNanos()) {
                fetch();
            }
            return Uni.createFrom().item(known);
        }
        CompletableFuture<Map<String, PublicKey>> fetched = fetch();
        if (fetched == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("no key " + kid));
        }
        return Uni.createFrom().completionStage(fetched).map(set -> {
            PublicKey found = pick(set, kid);
            if (found == null) {
                throw new IllegalArgumentException("no key " + kid);
            }
            return found;
        });
    }

    /** The fetch under way or a new one; null when the last one started too recently. */
    private synchronized CompletableFuture<Map<String, PublicKey>> fetch() {
        if (inFlight != null) {
            return inFlight;
        }
        long now = System.nanoTime();
        if (everFetched && now - lastFetchStartNanos < MIN_REFETCH.toNanos()) {
            return null;
        }
        everFetched = true;
        lastFetchStartNanos = now;
        HttpRequest request = HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(5)).GET().build();
        CompletableFuture<Map<String, PublicKey>> started = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::parse)
                .whenComplete((set, failure) -> done(set, failure));
        inFlight = started;
        return started;
    }

    private synchronized void done(Map<String, PublicKey> set, Throwable failure) {
        inFlight = null;
        if (failure != null) {
            LOG.warnf("cannot read the JWKS at %s: %s", location, failure.toString());
            return;
        }
        keys = set;
        fetchedAtNanos = System.nanoTime();
    }

    private Map<String, PublicKey> parse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        try {
            Map<String, PublicKey> set = new HashMap<>();
            int unnamed = 0;
            for (JsonWebKey jwk : new JsonWebKeySet(response.body()).getJsonWebKeys()) {
                if (jwk instanceof PublicJsonWebKey publicJwk && (jwk.getUse() == null || "sig".equals(jwk.getUse()))) {
                    Key key = publicJwk.getPublicKey();
                    set.put(jwk.getKeyId() == null ? "\u0000" + unnamed++ : jwk.getKeyId(), (PublicKey) key);
                }
            }
            return Map.copyOf(set);
        } catch (Exception e) {
            throw new IllegalStateException("not a JWKS: " + e.getMessage(), e);
        }
    }

    private static PublicKey pick(Map<String, PublicKey> set, String kid) {
        if (kid != null) {
            return set.get(kid);
        }
        return set.size() == 1 ? set.values().iterator().next() : null;
    }
}
