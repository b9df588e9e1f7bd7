package dev.chat.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.rules.RateBucket;
import io.vertx.mutiny.core.Vertx;

/**
 * With Redis, one user's limits hold across instances: here a second instance is a second
 * {@link RedisConnectionBudget} or {@link SharedBucket} beside the application's, on the same Redis.
 */
abstract class ClusterWideContract extends UserBudgetContract {

    @Inject
    RedisNodes nodes;

    @Inject
    Vertx vertx;

    @Inject
    RedisConfig redis;

    /** Another instance's count, whose connections count for {@code lease} unless it confirms them. */
    RedisConnectionBudget otherInstance(Duration lease) {
        return new RedisConnectionBudget(nodes, vertx, auth, () -> lease, redis);
    }

    @Test
    void aUserAtItsLimitAcrossTwoInstancesIsRefusedOnBothUntilOneCloses() {
        String uid = newUser();
        int limit = auth.connectionsPerUser();
        RedisConnectionBudget b = otherInstance(Duration.ofSeconds(30));
        for (int i = 0; i < limit - 1; i++) {
            open(connections, uid);
        }
        open(b, uid);
        assertRefused(connections, uid);
        assertRefused(b, uid);
        connections.close(uid);
        open(b, uid);
        assertRefused(connections, uid);
        closeAll(connections, uid, limit - 2);
        closeAll(b, uid, 2);
    }

    @Test
    void aCrashedInstancesConnectionsStopCountingWithinItsLease() throws InterruptedException {
        String uid = newUser();
        int limit = auth.connectionsPerUser();
        RedisConnectionBudget crashed = otherInstance(Duration.ofMillis(1500));
        for (int i = 0; i < limit; i++) {
            open(crashed, uid);
        }
        assertRefused(connections, uid);
        // It never confirms them (no heartbeat runs): as if killed right after its last admission.
        Thread.sleep(1700);
        for (int i = 0; i < limit; i++) {
            open(connections, uid);
        }
        closeAll(connections, uid, limit);
    }

    /**
     * One user flooding through two instances for three seconds, burst 10 at 5/s: alone, each instance
     * would admit 10 + 15, together 50. Shared, at most one burst more than one bucket admits (10 + 15 +
     * 10), and at least what one bucket allows less a token for the timing.
     */
    @Test
    void aUserFloodingThroughTwoInstancesGetsOneRatePlusAtMostABurstPerOtherInstance() throws InterruptedException {
        String uid = newUser();
        RateBucket a = buckets.bucket(uid, 10, 5);
        RateBucket b = buckets.bucket(uid, 10, 5);
        int admitted = 0;
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            admitted += (a.tryTake() ? 1 : 0) + (b.tryTake() ? 1 : 0);
            Thread.sleep(1);
        }
        System.out.printf("two instances flooding for 3 s at burst 10, 5/s: %d admitted%n", admitted);
        assertTrue(admitted <= 10 + 15 + 10, "admitted " + admitted);
        assertTrue(admitted >= 10 + 15 - 1, "admitted " + admitted);
    }

    @Test
    void aUserKeepsToOneRateWhileHoppingBetweenInstances() throws InterruptedException {
        String uid = newUser();
        RateBucket[] instances = { buckets.bucket(uid, 10, 5), buckets.bucket(uid, 10, 5), buckets.bucket(uid, 10, 5) };
        int admitted = 0;
        long start = System.nanoTime();
        for (int hop = 0; System.nanoTime() - start < 3_000_000_000L; hop++) {
            RateBucket here = instances[hop % instances.length];
            for (int i = 0; i < 20; i++) {
                admitted += here.tryTake() ? 1 : 0;
            }
            Thread.sleep(50);
        }
        System.out.printf("hopping over three instances for 3 s at burst 10, 5/s: %d admitted%n", admitted);
        assertTrue(admitted <= 10 + 15 + 2 * 10, "three instances: at most two bursts over one bucket; admitted " + admitted);
        assertEquals(true, admitted < 3 * 25, "fewer than three buckets would give; admitted " + admitted);
    }
}
