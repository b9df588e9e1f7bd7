package dev.chat.room;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.auth.AuthConfig;
import dev.chat.auth.BearerToken;
import dev.chat.auth.TokenVerifier;
import dev.chat.budget.ConnectionBudget;
import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.message.RoomGrants;
import dev.chat.message.RoomName;
import io.smallrye.mutiny.Uni;

/**
 * The one door every transport's requests pass. In token mode the request's token is verified (401), the
 * room checked against its grants (403), and a connection counted against its user's limit (429). In open
 * mode everyone passes without an identity and every room is open.
 */
@ApplicationScoped
public class Admission {

    private final TokenVerifier verifier;
    private final AuthConfig config;
    private final RoomGrants publicRooms;
    private final ConnectionBudget connections;

    Admission(TokenVerifier verifier, AuthConfig config, ConnectionBudget connections) {
        this.verifier = verifier;
        this.config = config;
        this.publicRooms = new RoomGrants(config.publicRooms());
        this.connections = connections;
    }

    public boolean isTokenMode() {
        return config.isToken();
    }

    /**
     * The caller's identity, null in open mode. {@code room} is checked when it is a valid room name (an
     * invalid one is the endpoint's 400 to give); null checks no room.
     */
    public Uni<Identity> identify(String authorization, String accessToken, String room) {
        if (!config.isToken()) {
            return Uni.createFrom().nullItem();
        }
        return verifier.verify(BearerToken.of(authorization, accessToken)).invoke(identity -> {
            if (room != null && RoomName.isValid(room) && !mayUse(identity, room)) {
                throw new RejectedException(Rejection.FORBIDDEN, "room not granted");
            }
        });
    }

    /**
     * Counts a WebSocket or event stream against its user, or fails with 429; the connection gives it back
     * when it closes ({@link Connection#close}). Open mode counts nothing. With Redis the count is the
     * cluster's ({@link ConnectionBudget}).
     */
    public Uni<Void> holdConnection(Identity identity) {
        return identity == null ? Uni.createFrom().voidItem() : connections.open(identity.uid());
    }

    /** A waiting long poll holds a place among its user's connections (429 when none is left) until it is answered. */
    public <T> Uni<T> holdingConnection(Identity identity, Supplier<Uni<T>> waiting) {
        return holdConnection(identity).flatMap(held -> Uni.createFrom().<T>deferred(waiting::get)
                .eventually(() -> releaseConnection(identity)));
    }

    /** Gives back a place {@link #holdConnection} took, for a connection that closed or never opened. */
    public void releaseConnection(Identity identity) {
        if (identity != null) {
            connections.close(identity.uid());
        }
    }

    /** Verifies a token a connection offers to replace its own with, without a room check. */
    Uni<Identity> verify(String token) {
        return verifier.verify(token);
    }

    /** Moderators may act in every room, so they may use every room. */
    boolean mayUse(Identity identity, String room) {
        return identity == null || identity.moderator() || publicRooms.allows(room) || identity.rooms().allows(room);
    }

    /** Refuses with 403 unless the identity belongs to the moderator group; in open mode nobody does. */
    void checkModerator(Identity identity) {
        if (identity == null) {
            throw new RejectedException(Rejection.FORBIDDEN, "moderation needs chat.auth.mode=token");
        }
        if (!identity.moderator()) {
            throw new RejectedException(Rejection.FORBIDDEN, "moderators only");
        }
    }
}
