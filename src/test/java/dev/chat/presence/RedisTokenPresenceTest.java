package dev.chat.presence;

import dev.chat.support.RedisTokenProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisTokenProfile.class)
class RedisTokenPresenceTest extends TokenPresenceScenes {
}
