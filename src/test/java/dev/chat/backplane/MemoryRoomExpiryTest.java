package dev.chat.backplane;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.fanout.LocalMembers;
import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The memory backplane's bounds: idle expiry, the history budget over all rooms, and rooms only read. */
@QuarkusTest
@TestProfile(MemoryRoomExpiryTest.SmallBounds.class)
class MemoryRoomExpiryTest extends RoomExpiryContract {

    /** Seven 2,000-character messages fit; the eighth pushes the oldest of the least recently written room out. */
    static final long MAX_BYTES = 30_000;
    private static final String TEXT = "z".repeat(2000);

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.rooms.idle-expiry", IDLE_EXPIRY.toMillis() + "ms",
                    "chat.history.max-bytes", String.valueOf(MAX_BYTES));
        }
    }

    @Inject
    MemoryBackplane backplane;

    @Inject
    LocalMembers members;

    @Test
    void pastTheBudgetTheLeastRecentlyWrittenRoomGivesUpItsOldestMessagesFirst() {
        await().atMost(Duration.ofSeconds(10)).until(() -> backplane.retainedBytes() == 0);
        String older = newRoom();
        String newer = newRoom();
        for (int i = 1; i <= 5; i++) {
            post(older, TEXT);
        }
        for (int i = 1; i <= 5; i++) {
            post(newer, TEXT);
        }
        JsonNode olderHistory = poll(older);
        assertEquals(List.of(4L, 5L), seqs(olderHistory));
        assertEquals(1, olderHistory.get("gap").get("from").asLong());
        assertEquals(3, olderHistory.get("gap").get("to").asLong());
        JsonNode newerHistory = poll(newer);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(newerHistory));
        assertNull(newerHistory.get("gap"));
        assertEquals(true, backplane.retainedBytes() <= MAX_BYTES);
    }

    @Test
    void roomsThatWereOnlyReadOrVisitedLeaveNothingBehind() {
        int roomsBefore = backplane.roomCount();
        int memberRoomsBefore = members.roomCount();
        for (int i = 0; i < 2_000; i++) {
            assertEquals(200, Http.get(base, "/api/rooms/never-written-" + i + "/messages?since=0").statusCode());
        }
        for (int i = 0; i < 50; i++) {
            ChatClient.join(base, "/chat/visited-" + i + "?name=visitor").close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> members.roomCount() <= memberRoomsBefore);
        assertEquals(true, backplane.roomCount() <= roomsBefore, "reading created no rooms");
    }

    private static List<Long> seqs(JsonNode history) {
        return history.get("messages").findValues("seq").stream().map(JsonNode::asLong).toList();
    }
}
