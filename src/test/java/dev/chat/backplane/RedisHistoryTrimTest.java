package dev.chat.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.message.History;
import dev.chat.message.Post;
import dev.chat.support.RedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The history stream is trimmed with {@code MAXLEN ~}: Redis drops whole macro nodes only, so the stream
 * holds somewhat more than {@code chat.history.size} entries, and reads still answer with the history's
 * window, never with what lies before it. (Tests run with a history of 20.)
 */
@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisHistoryTrimTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Backplane backplane;

    @Inject
    HistoryConfig history;

    @Test
    void theStreamIsTrimmedAboutTheHistorySizeAndReadsKeepToTheWindow() {
        String room = "trim-" + UUID.randomUUID().toString().substring(0, 8);
        int size = history.size();
        publish(room, size + 5);
        assertTrue(xlen(room) > size, "trimmed approximately, not on every message: " + xlen(room));

        History resumed = backplane.history(room, 2L, size).await().atMost(WAIT);
        assertEquals(3, resumed.gap().from());
        assertEquals(5, resumed.gap().to());
        assertEquals(size, resumed.messages().size());
        assertEquals(6, resumed.messages().get(0).seq());
        assertEquals(size, backplane.history(room, 0L, size).await().atMost(WAIT).messages().size());
        History newest = backplane.history(room, null, size * 5).await().atMost(WAIT);
        assertEquals(size, newest.messages().size(), "never more than the history, whatever the limit asked");
        assertEquals(size + 5, newest.messages().get(size - 1).seq());

        publish(room, 250);
        long held = xlen(room);
        assertTrue(held >= size && held <= size + 100, "about the history size: at most a macro node more, held " + held);
    }

    private void publish(String room, int count) {
        for (int i = 0; i < count; i++) {
            backplane.publish(new Post(room, "alice", "m" + i, null)).await().atMost(WAIT);
        }
    }

    private static long xlen(String room) {
        return Long.parseLong(RedisProfile.server().command("XLEN chat:room:{" + room + "}:history").substring(1));
    }
}
