package dev.chat.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recognises the application's server key. Keys are held only as their SHA-256, and a presented key is
 * compared with every one of them in constant time, so neither its bytes nor its length show in how
 * long the answer takes. A key is never logged.
 */
@ApplicationScoped
public class ApiKeys {

    public static final String HEADER = "X-API-Key";

    private final List<byte[]> digests;

    ApiKeys(ApiConfig config) {
        this.digests = config.keys().orElse(List.of()).stream().filter(key -> !key.isBlank()).map(ApiKeys::digest)
                .toList();
    }

    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean found = false;
        for (byte[] known : digests) {
            found |= MessageDigest.isEqual(known, candidate);
        }
        return found;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
