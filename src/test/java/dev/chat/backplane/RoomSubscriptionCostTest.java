package dev.chat.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
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

    @Test
    void aPollerDoingFiftyLongPollsSubscribesOnceAndIsUnsubscribedAfterTheGrace() throws Exception {
        String room = "poller-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = "chat:room:{" + room + "}:live";
        try (RedisMonitor monitor = RedisMonitor.on(RedisProfile.server())) {
            AtomicBoolean polling = new AtomicBoolean(true);
            CompletableFuture<Void> posts = CompletableFuture.runAsync(() -> {
                for (int i = 0; polling.get(); i++) {
                    Http.postJson(base, "/api/rooms/" + room + "/messages", Map.of("name", "p" + i, "text", "m" + i));
                    pause(120);
                }
            });
            long since = 0;
            for (int poll = 0; poll < 50; poll++) {
                HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(
                        base.resolve("/api/rooms/" + room + "/messages?since=" + since + "&wait=10")).GET());
                assertEquals(200, answer.statusCode(), answer.body());
                since = Http.body(answer).get("lastSeq").asLong();
            }
            polling.set(false);
            posts.join();
            assertEquals(1, monitor.count("SUBSCRIBE", channel), "50 long polls, one subscription");
            assertEquals("*1", subscribed(channel), "kept after the last poll");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> subscribed(channel).equals("*0"));
            assertEquals(1, monitor.count("UNSUBSCRIBE", channel), "dropped once, after the grace");
        }
    }

    /** The HISTORY script is the only one that reads a room's stream. */
    private static long historyReads(RedisMonitor monitor, String room) {
        String history = "chat:room:{" + room + "}:history";
        return monitor.count("XRANGE", history) + monitor.count("XREVRANGE", history);
    }

    /** "*1" while some instance listens to the channel, "*0" once none does. */
    private static String subscribed(String channel) {
        return RedisProfile.server().command("PUBSUB CHANNELS " + channel);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
