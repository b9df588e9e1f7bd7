package dev.chat.budget;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.chat.rules.RateBucket;
import dev.chat.support.RedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisBudgetTest extends ClusterWideContract {

    /** Redis gone: each instance limits on its own, so a user is neither locked out nor unlimited. */
    @Test
    @Order(Integer.MAX_VALUE)
    void withoutRedisEachInstanceKeepsTheLimitOnItsOwn() {
        String uid = newUser();
        int limit = auth.connectionsPerUser();
        RedisProfile.server().stop();
        try {
            for (int i = 0; i < limit; i++) {
                open(connections, uid);
            }
            assertRefused(connections, uid);
            RateBucket bucket = buckets.bucket(uid, 5, 0.5);
            int admitted = 0;
            for (int i = 0; i < 20; i++) {
                admitted += bucket.tryTake() ? 1 : 0;
            }
            assertTrue(admitted == 5, "the local bucket's burst, admitted " + admitted);
        } finally {
            RedisProfile.server().startAgain();
        }
        closeAll(connections, uid, limit);
    }
}
