package dev.chat.backplane;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * {@code chat.rooms.idle-expiry}, proved the same way on every backplane (run with one second): a room
 * nobody writes to or sits in is forgotten, and whoever resumes into it is told with a reset gap instead
 * of being handed a new history under its old numbers; a room with a member is kept.
 */
abstract class RoomExpiryContract {

    static final Duration IDLE_EXPIRY = Duration.ofSeconds(1);

    @TestHTTPResource("/")
    URI base;

    @Test
    void anIdleRoomIsForgottenAndAResumerIntoItGetsAResetGap() {
        String room = newRoom();
        for (int i = 1; i <= 3; i++) {
            post(room, "before " + i);
        }
        String epoch = poll(room).get("epoch").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> poll(room).get("lastSeq").asLong() == 0);

        try (ChatClient resumer = ChatClient.connect(base, "/chat/" + room + "?name=back&since=3&epoch=" + epoch)) {
            JsonNode welcome = resumer.expect("welcome");
            assertNotEquals(epoch, welcome.get("epoch").asText(), "the room starts over under a new epoch");
            JsonNode gap = resumer.expect("gap");
            assertTrue(gap.get("reset").asBoolean(), "the resumer is told its position is gone: " + gap);
            post(room, "after");
            JsonNode message = resumer.expect("message");
            assertEquals(1, message.get("seq").asLong());
            assertEquals("after", message.get("text").asText());
        }
    }

    @Test
    void aRoomWithAMemberIsKeptPastTheIdleExpiry() throws InterruptedException {
        String room = newRoom();
        try (ChatClient member = ChatClient.join(base, "/chat/" + room + "?name=stays")) {
            post(room, "one");
            String epoch = poll(room).get("epoch").asText();
            Thread.sleep(IDLE_EXPIRY.multipliedBy(3).toMillis());
            post(room, "two");
            assertEquals(1, member.expect("message").get("seq").asLong());
            JsonNode second = member.expect("message");
            assertEquals(2, second.get("seq").asLong(), "nobody is renumbered under a member");
            assertEquals(epoch, poll(room).get("epoch").asText());
        }
    }

    /** A position at 0 holds nothing, so no epoch can make it wrong: its owner is never told of a reset. */
    @Test
    void aReaderOfAnEmptyRoomIsNotToldOfAReset() {
        String room = newRoom();
        String epoch = poll(room).get("epoch").asText();
        JsonNode again = Http.body(Http.get(base, "/api/rooms/" + room + "/messages?since=0&epoch=" + epoch));
        assertTrue(again.get("gap") == null || again.get("gap").isNull(), "no gap: " + again);
        post(room, "first");
        JsonNode after = Http.body(Http.get(base, "/api/rooms/" + room + "/messages?since=0&epoch=" + epoch));
        assertTrue(after.get("gap") == null || after.get("gap").isNull(), "no gap: " + after);
        assertEquals("first", after.get("messages").get(0).get("text").asText());
    }

    static String newRoom() {
        return "idle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void post(String room, String text) {
        assertEquals(201, Http.postJson(base, "/api/rooms/" + room + "/messages", Map.of("name", "poster", "text", text))
                .statusCode());
    }

    JsonNode poll(String room) {
        return Http.body(Http.get(base, "/api/rooms/" + room + "/messages?since=0"));
    }
}
