package dev.chat.backplane;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MemoryBackplaneTest extends BackplaneContract {
}
