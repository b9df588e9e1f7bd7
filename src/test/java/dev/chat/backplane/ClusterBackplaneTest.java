package dev.chat.backplane;

import dev.chat.support.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The backplane's rules, held on a real Redis Cluster of three masters and three replicas. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ClusterBackplaneTest extends BackplaneContract {
}
