package dev.chat.backplane;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.message.ChatMessage;
import dev.chat.message.Post;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.support.ChatClient;
import dev.chat.support.Collected;
import dev.chat.support.RedisProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisProfile.class)
class RedisBackplaneTest extends BackplaneContract {

    @TestHTTPResource("/")
    URI base;

    /** The reactions hash lives and dies with the room and holds no more fields than history holds messages. */
    @Test
    void reactionsExpireWithTheRoomAndKeepOnlyTheHistorysWindow() {
        String room = newRoom();
        ChatMessage first = publish(room, "first");
        react(room, first.seq(), "ann", "👍");
        String key = "chat:room:{" + room + "}:reactions";
        long ttl = Long.parseLong(RedisProfile.server().command("PTTL " + key).substring(1));
        assertTrue(ttl > 0, "expires with the room, " + ttl);
        for (int i = 0; i < history.size(); i++) {
            publish(room, "m" + i);
        }
        for (long seq = 2; seq <= history.size() + 1; seq++) {
            react(room, seq, "ann", "👍");
        }
        assertEquals(":" + history.size(), RedisProfile.server().command("HLEN " + key));
        assertEquals(":0", RedisProfile.server().command("HEXISTS " + key + " " + first.seq()), "the evicted message's field is gone");
    }

    /**
     * Redis dies and comes back empty: sends meanwhile are refused as unavailable, never acknowledged, and
     * a newcomer is told to come back later (1013);
     * afterwards the room has a new epoch, and a member that stayed connected is told its seq is void
     * before the room's new messages reach it.
     */
    @Test
    void aRedisLostUnderAMemberRefusesSendsThenStartsTheRoomOverVisibly() {
        String room = newRoom();
        Collected member = listen(room);
        publish(room, "before-1");
        publish(room, "before-2");
        member.await("message", 2);
        String epoch = backplane.history(room, null, 1).await().atMost(Duration.ofSeconds(5)).epoch();

        RedisProfile.server().stop();
        RejectedException refused = assertThrows(RejectedException.class,
                () -> backplane.publish(new Post(room, "alice", "during", null)).await().atMost(Duration.ofSeconds(10)));
        assertEquals(Rejection.UNAVAILABLE, refused.rejection());
        try (ChatClient newcomer = ChatClient.connect(base, "/chat/" + room + "?name=newcomer")) {
            newcomer.expectClose(1013);
        }

        RedisProfile.server().startAgain();
        ChatMessage after = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> publish(room, "after"), sent -> sent != null);
        assertEquals(1, after.seq());
        assertNotEquals(epoch, backplane.history(room, null, 1).await().atMost(Duration.ofSeconds(5)).epoch());

        List<JsonNode> messages = member.await("message", 3);
        assertEquals(List.of("before-1", "before-2", "after"), messages.stream().map(m -> m.get("text").asText()).toList());
        List<JsonNode> gaps = member.ofType("gap");
        assertEquals(1, gaps.size());
        assertTrue(gaps.get(0).get("reset").asBoolean());
    }
}
