package dev.chat.backplane;

import dev.chat.support.RedisSentinelProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The backplane's rules, held on a master and its replica found through a real Sentinel. */
@QuarkusTest
@TestProfile(RedisSentinelProfile.class)
class SentinelBackplaneTest extends BackplaneContract {
}
