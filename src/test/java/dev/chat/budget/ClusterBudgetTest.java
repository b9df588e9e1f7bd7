package dev.chat.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.chat.support.RedisCluster;
import dev.chat.support.RedisClusterProfile;
import dev.chat.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same limits on a real Redis Cluster: each user's keys in one slot (its uid the hash tag), users on every master. */
@EnabledIf(value = "dev.chat.support.RedisCluster#available", disabledReason = "needs redis-server 7 and redis-cli")
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ClusterBudgetTest extends ClusterWideContract {

    @Test
    void eachUsersKeysLiveTogetherOnTheMasterOfItsSlotAndUsersSpreadOverAllMasters() {
        RedisCluster cluster = RedisClusterProfile.cluster();
        Set<RedisServer> masters = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            String uid = "spread-" + i;
            open(connections, uid);
            buckets.bucket(uid, 5, 1).tryTake();
            String connectionsKey = RedisConnectionBudget.key(uid);
            String rateKey = RedisUserBuckets.key(uid);
            assertEquals(cluster.slotOf(connectionsKey), cluster.slotOf(rateKey), "one slot per user");
            RedisServer master = cluster.masterOf(cluster.slotOf(connectionsKey));
            assertEquals(":1", master.command("EXISTS " + connectionsKey));
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> ":1".equals(master.command("EXISTS " + rateKey)));
            masters.add(master);
            connections.close(uid);
        }
        assertEquals(3, masters.size(), "users on every master");
    }
}
