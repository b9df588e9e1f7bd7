package dev.chat.budget;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MemoryBudgetTest extends UserBudgetContract {
}
