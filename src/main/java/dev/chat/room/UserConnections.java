package dev.chat.room;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.auth.AuthConfig;
import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/** How many WebSockets and event streams each user holds open on this instance, across rooms. */
@ApplicationScoped
class UserConnections {

    private final int perUser;
    private final ConcurrentMap<String, Integer> held = new ConcurrentHashMap<>();

    UserConnections(AuthConfig config) {
        this.perUser = config.connectionsPerUser();
    }

    /** Counts one more, or refuses with 429 at {@code chat.auth.connections-per-user}; paired with {@link #closed}. */
    void opened(Identity identity) {
        boolean[] admitted = { false };
        held.compute(identity.uid(), (uid, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < perUser;
            return admitted[0] ? now + 1 : count;
        });
        if (!admitted[0]) {
            throw new RejectedException(Rejection.TOO_MANY_CONNECTIONS, "at most " + perUser + " connections per user");
        }
    }

    void closed(Identity identity) {
        held.computeIfPresent(identity.uid(), (uid, count) -> count <= 1 ? null : count - 1);
    }
}
