package dev.chat.auth;

import java.security.PublicKey;

import io.smallrye.mutiny.Uni;

/** Where the public keys that sign tokens come from; {@code kid} is the token header's, or null. */
interface VerificationKeys {

    /** The key for {@code kid}, or the only key when there is one; fails when there is none. */
    Uni<PublicKey> key(String kid);
}
