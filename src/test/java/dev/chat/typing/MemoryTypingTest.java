package dev.chat.typing;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MemoryTypingTest extends TypingContract {
}
