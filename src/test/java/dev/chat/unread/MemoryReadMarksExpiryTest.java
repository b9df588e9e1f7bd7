package dev.chat.unread;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.backplane.Backplane;
import dev.chat.message.Post;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** On the memory backplane a room's marks go with the room: a room forgotten and written again has none. */
@QuarkusTest
@TestProfile(MemoryReadMarksExpiryTest.ShortExpiry.class)
class MemoryReadMarksExpiryTest {

    public static class ShortExpiry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.rooms.idle-expiry", "1s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ReadMarks marks;

    @Inject
    Backplane backplane;

    @Test
    void aForgottenRoomTakesItsMarksWithIt() {
        String room = "read-" + UUID.randomUUID().toString().substring(0, 8);
        backplane.publish(new Post(room, "writer", "one", null)).await().atMost(WAIT);
        assertEquals(1L, marks.mark(room, "uid-gone", 1).await().atMost(WAIT));

        await().atMost(WAIT).until(() -> backplane.history(room, null, 0).await().atMost(WAIT).lastSeq() == 0);
        backplane.publish(new Post(room, "writer", "one again", null)).await().atMost(WAIT);
        assertNull(marks.markOf(room, "uid-gone").await().atMost(WAIT), "the room started over without marks");
    }
}
