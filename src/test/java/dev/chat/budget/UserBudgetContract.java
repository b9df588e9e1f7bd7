package dev.chat.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.auth.AuthConfig;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.rules.RateBucket;
import dev.chat.rules.UserBuckets;
import io.smallrye.mutiny.Uni;

/** The rules written on {@link ConnectionBudget} and {@link UserBuckets}, proved against every implementation. */
abstract class UserBudgetContract {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ConnectionBudget connections;

    @Inject
    UserBuckets buckets;

    @Inject
    AuthConfig auth;

    @Test
    void aUserIsAdmittedUpToTheLimitAndOneMoreAfterEachClose() {
        String uid = newUser();
        int limit = auth.connectionsPerUser();
        for (int i = 0; i < limit; i++) {
            open(connections, uid);
        }
        assertRefused(connections, uid);
        open(connections, newUser());
        connections.close(uid);
        open(connections, uid);
        assertRefused(connections, uid);
        closeAll(connections, uid, limit);
    }

    @Test
    void opensAtOnceNeverTakeMoreThanTheLimit() {
        String uid = newUser();
        int limit = auth.connectionsPerUser();
        List<CompletableFuture<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 3 * limit; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> admitted(connections.open(uid))));
        }
        long admitted = racing.stream().filter(CompletableFuture::join).count();
        assertEquals(limit, admitted);
        closeAll(connections, uid, limit);
    }

    @Test
    void aUsersBucketAllowsItsBurstThenRefusesAndOthersStillSend() {
        String uid = newUser();
        RateBucket bucket = buckets.bucket(uid, 5, 0.5);
        for (int i = 0; i < 5; i++) {
            assertTrue(bucket.tryTake(), "within the burst: " + i);
        }
        assertEquals(false, bucket.tryTake());
        assertTrue(bucket.secondsUntilNext() >= 1);
        assertTrue(buckets.bucket(newUser(), 5, 0.5).tryTake(), "another user's bucket is its own");
    }

    static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    static void open(ConnectionBudget budget, String uid) {
        budget.open(uid).await().atMost(WAIT);
    }

    static void assertRefused(ConnectionBudget budget, String uid) {
        RejectedException refused = assertThrows(RejectedException.class, () -> open(budget, uid));
        assertEquals(Rejection.TOO_MANY_CONNECTIONS, refused.rejection());
    }

    static boolean admitted(Uni<Void> open) {
        try {
            open.await().atMost(WAIT);
            return true;
        } catch (RejectedException refused) {
            return false;
        }
    }

    static void closeAll(ConnectionBudget budget, String uid, int count) {
        for (int i = 0; i < count; i++) {
            budget.close(uid);
        }
    }
}
