package dev.chat.unread;

import org.junit.jupiter.api.condition.EnabledIf;

import dev.chat.support.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Read marks' rules, held on a real Redis Cluster of three masters and three replicas. */
@EnabledIf(value = "dev.chat.support.RedisCluster#available", disabledReason = "needs redis-server 7 and redis-cli")
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ClusterReadMarksTest extends ReadMarksContract {
}
