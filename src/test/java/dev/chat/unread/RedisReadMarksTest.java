package dev.chat.unread;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chat.message.Post;
import dev.chat.support.RedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisReadMarksTest extends ReadMarksContract {

    @Test
    void theMarksHashExpiresWithTheRoomAndEveryMessagePushesItBack() {
        String room = "read-" + UUID.randomUUID().toString().substring(0, 8);
        backplane.publish(new Post(room, "writer", "one", null)).await().atMost(Duration.ofSeconds(10));
        marks.mark(room, "uid-ttl", 1).await().atMost(Duration.ofSeconds(10));
        long meta = pttl(room, "meta");
        long read = pttl(room, "read");
        assertTrue(read > 0 && read <= meta, "the marks expire no later than the room: " + read + " ms, room " + meta + " ms");

        backplane.publish(new Post(room, "writer", "two", null)).await().atMost(Duration.ofSeconds(10));
        assertTrue(pttl(room, "read") >= pttl(room, "meta") - 1_000, "a message pushes the marks' expiry back with the room's");
    }

    private static long pttl(String room, String key) {
        return Long.parseLong(RedisProfile.server().command("PTTL chat:room:{" + room + "}:" + key).substring(1));
    }
}
