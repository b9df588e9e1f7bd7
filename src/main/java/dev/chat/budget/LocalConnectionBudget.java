package dev.chat.budget;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.auth.AuthConfig;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import io.smallrye.mutiny.Uni;

/** The places each user holds on this instance alone: the memory backplane's count, and Redis' fallback. */
@ApplicationScoped
@Typed(LocalConnectionBudget.class)
public class LocalConnectionBudget implements ConnectionBudget {

    private final int perUser;
    private final ConcurrentMap<String, Integer> held = new ConcurrentHashMap<>();

    LocalConnectionBudget(AuthConfig config) {
        this.perUser = config.connectionsPerUser();
    }

    @Override
    public Uni<Void> open(String uid) {
        try {
            take(uid);
            return Uni.createFrom().voidItem();
        } catch (RejectedException refused) {
            return Uni.createFrom().failure(refused);
        }
    }

    /** Counts one more here, or throws the 429 at {@code chat.auth.connections-per-user}. */
    void take(String uid) {
        boolean[] admitted = { false };
        held.compute(uid, (user, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < perUser;
            return admitted[0] ? now + 1 : count;
        });
        if (!admitted[0]) {
            throw refusal(perUser);
        }
    }

    @Override
    public void close(String uid) {
        held.computeIfPresent(uid, (user, count) -> count <= 1 ? null : count - 1);
    }

    static RejectedException refusal(int perUser) {
        return new RejectedException(Rejection.TOO_MANY_CONNECTIONS, "at most " + perUser + " connections per user");
    }
}
