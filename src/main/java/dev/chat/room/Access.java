package dev.chat.room;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.message.RoomGrants;

/**
 * Who may use which room, and how many connections one user may hold. In open mode there is no identity
 * and every room is open to everyone.
 */
@ApplicationScoped
public class Access {

    private final AuthConfig config;
    private final RoomGrants publicRooms;
    private final ConcurrentMap<String, Integer> connections = new ConcurrentHashMap<>();

    Access(AuthConfig config) {
        this.config = config;
        this.publicRooms = new RoomGrants(config.publicRooms());
    }

    public boolean isTokenMode() {
        return config.isToken();
    }

    /** Moderators may act in every room, so they may use every room. */
    public boolean mayUse(Identity identity, String room) {
        return identity == null || identity.moderator() || publicRooms.allows(room) || identity.rooms().allows(room);
    }

    /** Refuses with 403 unless the identity may join and send to the room. */
    public void checkRoom(Identity identity, String room) {
        if (!mayUse(identity, room)) {
            throw new RejectedException(Rejection.FORBIDDEN, "room not granted");
        }
    }

    /** Refuses with 403 unless the identity belongs to the moderator group; in open mode nobody does. */
    public void checkModerator(Identity identity) {
        if (identity == null) {
            throw new RejectedException(Rejection.FORBIDDEN, "moderation needs chat.auth.mode=token");
        }
        if (!identity.moderator()) {
            throw new RejectedException(Rejection.FORBIDDEN, "moderators only");
        }
    }

    /**
     * Counts one more connection for the user, or refuses with 429 when it holds
     * {@code chat.auth.connections-per-user} already. Every successful call is paired with {@link #closed}.
     */
    public void opened(Identity identity) {
        if (identity == null) {
            return;
        }
        boolean[] admitted = { false };
        connections.compute(identity.uid(), (uid, held) -> {
            int count = held == null ? 0 : held;
            admitted[0] = count < config.connectionsPerUser();
            return admitted[0] ? count + 1 : held;
        });
        if (!admitted[0]) {
            throw new RejectedException(Rejection.TOO_MANY_CONNECTIONS,
                    "at most " + config.connectionsPerUser() + " connections per user");
        }
    }

    public void closed(Identity identity) {
        if (identity != null) {
            connections.computeIfPresent(identity.uid(), (uid, held) -> held <= 1 ? null : held - 1);
        }
    }
}
