package dev.chat.auth;

import java.security.PublicKey;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/** Where the public keys that sign tokens come from; {@code kid} is the token header's, or null. */
interface VerificationKeys {

    /** The key for {@code kid}, or the only key when there is one; fails when there is none. */
    Uni<PublicKey> key(String kid);

    /** Verifies the token with a key from {@link #key}: by default against the {@code mp.jwt.verify.*} claims. */
    default JsonWebToken verify(JWTParser parser, String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }
}
