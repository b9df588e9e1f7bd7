package dev.chat.transport;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.auth.BearerToken;
import dev.chat.auth.TokenVerifier;
import dev.chat.message.Identity;
import dev.chat.message.RoomName;
import dev.chat.room.Access;
import io.smallrye.mutiny.Uni;

/**
 * The one door every transport's requests pass: in token mode the request's token is verified and the
 * room checked against its grants (401 without a valid token, 403 for a room it does not grant); in open
 * mode everyone passes without an identity.
 */
@ApplicationScoped
public class Gate {

    private final TokenVerifier verifier;
    private final Access access;

    Gate(TokenVerifier verifier, Access access) {
        this.verifier = verifier;
        this.access = access;
    }

    public boolean isTokenMode() {
        return access.isTokenMode();
    }

    /**
     * The caller's identity, null in open mode. {@code room} is checked when it is a valid room name (an
     * invalid one is the endpoint's 400 to give); null checks no room.
     */
    public Uni<Identity> admit(String authorization, String accessToken, String room) {
        if (!access.isTokenMode()) {
            return Uni.createFrom().nullItem();
        }
        return verifier.verify(BearerToken.of(authorization, accessToken)).invoke(identity -> {
            if (room != null && RoomName.isValid(room)) {
                access.checkRoom(identity, room);
            }
        });
    }

    /** Verifies a token a connection offers to replace its own with, without a room check. */
    public Uni<Identity> verify(String token) {
        return verifier.verify(token);
    }
}
