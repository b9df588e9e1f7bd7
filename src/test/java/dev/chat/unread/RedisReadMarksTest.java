package dev.chat.unread;

import dev.chat.support.RedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisReadMarksTest extends ReadMarksContract {
}
