package dev.chat.auth;

import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Keys from a file or classpath resource ({@code file:/etc/chat/verify.pem}, {@code verify.pem}): one PEM
 * public key (RSA or EC), or a JWKS. Read once, on first use, off the event loop.
 */
final class FileKeys implements VerificationKeys {

    private final String location;
    private volatile Map<String, PublicKey> keys;

    FileKeys(String location) {
        this.location = location;
    }

    @Override
    public Uni<PublicKey> key(String kid) {
        Map<String, PublicKey> loaded = keys;
        Uni<Map<String, PublicKey>> set = loaded != null ? Uni.createFrom().item(loaded)
                : Uni.createFrom().item(this::load).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return set.map(found -> {
            PublicKey key = kid != null && found.containsKey(kid) ? found.get(kid)
                    : found.size() == 1 ? found.values().iterator().next() : null;
            if (key == null) {
                throw new IllegalArgumentException("no key " + kid);
            }
            return key;
        });
    }

    private Map<String, PublicKey> load() {
        try {
            String content = ResourceUtils.readResource(location);
            if (content == null) {
                throw new IllegalStateException("no key at " + location);
            }
            Map<String, PublicKey> found = new HashMap<>();
            if (content.contains("-----BEGIN")) {
                found.put("", pem(content));
            } else {
                for (JsonWebKey jwk : new JsonWebKeySet(content).getJsonWebKeys()) {
                    if (jwk instanceof PublicJsonWebKey publicJwk) {
                        found.put(jwk.getKeyId() == null ? "" : jwk.getKeyId(), publicJwk.getPublicKey());
                    }
                }
            }
            keys = Map.copyOf(found);
            return keys;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the keys at " + location + ": " + e.getMessage(), e);
        }
    }

    private static PublicKey pem(String content) throws Exception {
        try {
            return KeyUtils.decodePublicKey(content, SignatureAlgorithm.RS256);
        } catch (Exception notRsa) {
            return KeyUtils.decodePublicKey(content, SignatureAlgorithm.ES256);
        }
    }
}
