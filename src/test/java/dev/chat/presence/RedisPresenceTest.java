package dev.chat.presence;

import dev.chat.support.RedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisPresenceTest extends PresenceContract {
}
