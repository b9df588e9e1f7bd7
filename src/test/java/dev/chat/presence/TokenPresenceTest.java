package dev.chat.presence;

import dev.chat.support.TokenProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(TokenProfile.class)
class TokenPresenceTest extends TokenPresenceScenes {
}
