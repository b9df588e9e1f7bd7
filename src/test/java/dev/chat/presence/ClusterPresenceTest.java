package dev.chat.presence;

import dev.chat.support.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Presence's rules, held on a real Redis Cluster of three masters and three replicas. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ClusterPresenceTest extends PresenceContract {
}
