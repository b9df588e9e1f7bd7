package dev.chat.unread;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MemoryReadMarksTest extends ReadMarksContract {
}
