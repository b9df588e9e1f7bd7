package dev.chat.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.RedisMonitor;
import dev.chat.support.RedisProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What subscribing a room costs in Redis commands, counted on the real redis-server with MONITOR. */
@QuarkusTest
@TestProfile(RedisProfile.class)
class RoomSubscriptionCostTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aMemberJoiningARoomReadsItsHistoryOnce() throws Exception {
        String room = "cost-" + UUID.randomUUID().toString().substring(0, 8);
        try (RedisMonitor monitor = RedisMonitor.on(RedisProfile.server());
                ChatClient alice = ChatClient.join(base, "/chat/" + room + "?name=alice")) {
            Thread.sleep(500);
            assertEquals(1, monitor.count("SUBSCRIBE", "chat:room:{" + room + "}:live"), "one subscription");
            assertEquals(1, historyReads(monitor, room), "one history read: the member's replay");
        }
    }

    /** The HISTORY script is the only one that reads a room's stream. */
    private static long historyReads(RedisMonitor monitor, String room) {
        String history = "chat:room:{" + room + "}:history";
        return monitor.count("XRANGE", history) + monitor.count("XREVRANGE", history);
    }
}
