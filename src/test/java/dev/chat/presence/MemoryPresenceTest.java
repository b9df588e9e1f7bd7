package dev.chat.presence;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MemoryPresenceTest extends PresenceContract {
}
