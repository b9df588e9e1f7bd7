package dev.chat.presence;

import dev.chat.support.RedisSentinelProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Presence's rules, held on a master and its replica found through a real Sentinel. */
@QuarkusTest
@TestProfile(RedisSentinelProfile.class)
class SentinelPresenceTest extends PresenceContract {
}
