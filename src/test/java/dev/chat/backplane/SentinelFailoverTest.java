package dev.chat.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.Http;
import dev.chat.support.RedisSentinel;
import dev.chat.support.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The master is killed ({@code kill -9}) under four clients posting as fast as they are answered, and three
 * real sentinels promote its replica. With {@code chat.redis.ack-replicas=1} a post is acknowledged only
 * once the replica holds it, so every acknowledged message must be in the room's history afterwards.
 */
@QuarkusTest
@TestProfile(SentinelFailoverTest.ThreeSentinels.class)
class SentinelFailoverTest {

    private static volatile RedisSentinel redis;

    public static class ThreeSentinels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.backplane", "redis", "quarkus.redis.client-type", "sentinel",
                    "quarkus.redis.master-name", RedisSentinel.MASTER_NAME, "chat.redis.ack-replicas", "1",
                    "chat.redis.reconnect-interval", "200ms", "chat.history.size", "10000",
                    "chat.rate-limit.per-second", "0");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class));
        }
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            redis = RedisSentinel.start(1, 3, 1000);
            return Map.of("quarkus.redis.hosts", redis.hosts());
        }

        @Override
        public void stop() {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void killingTheMasterLosesNoAcknowledgedMessage() throws Exception {
        String room = "failover";
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong lastAcknowledged = new AtomicLong();
        AtomicBoolean posting = new AtomicBoolean(true);
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            String name = "c" + client;
            clients.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; posting.get(); i++) {
                    String text = name + "-" + i;
                    HttpResponse<String> answer = Http.postJson(base, "/api/rooms/" + room + "/messages",
                            Map.of("name", name, "text", text));
                    if (answer.statusCode() / 100 == 2) {
                        acknowledged.add(text);
                        lastAcknowledged.set(System.nanoTime());
                        pause(5);
                    } else {
                        assertEquals(503, answer.statusCode(), answer.body());
                        refused.incrementAndGet();
                        pause(20);
                    }
                }
            }));
        }
        long warmedUp = System.nanoTime() + 20_000_000_000L;
        while (acknowledged.size() < 10 && System.nanoTime() < warmedUp) {
            pause(50);
        }
        RedisServer master = redis.master();
        int before = acknowledged.size();
        assertTrue(before > 0, "posts are acknowledged before the kill");
        long killed = System.nanoTime();
        master.stop();

        RedisServer promoted = null;
        while (System.nanoTime() - killed < 20_000_000_000L && (promoted == null || promoted == master)) {
            pause(100);
            promoted = redis.namedMaster();
        }
        assertNotNull(promoted, "the sentinels agree on a new master");
        assertTrue(promoted != master, "the sentinels promoted the replica");
        long failedOver = System.nanoTime();
        // The promoted master has no replica until the old node comes back, as a pod restarts, as its replica.
        redis.addReplicaOf(promoted);
        long acceptedAgainBy = System.nanoTime() + 20_000_000_000L;
        while (lastAcknowledged.get() < failedOver && System.nanoTime() < acceptedAgainBy) {
            pause(100);
        }
        assertTrue(lastAcknowledged.get() > failedOver, "posts are acknowledged again after the failover");
        long acceptedAgain = lastAcknowledged.get();
        pause(1000);
        posting.set(false);
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();

        JsonNode history = Http.body(Http.get(base, "/api/rooms/" + room + "/messages?since=0"));
        Set<String> stored = new HashSet<>();
        history.get("messages").forEach(message -> stored.add(message.get("text").asText()));
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        System.out.printf("failover: %d acknowledged (%d before the kill), %d refused; promoted after %d ms, "
                + "acknowledged again after %d ms; %d acknowledged missing from history%n", acknowledged.size(), before,
                refused.get(), (failedOver - killed) / 1_000_000, (acceptedAgain - killed) / 1_000_000, lost.size());
        assertTrue(refused.get() > 0, "posts during the failover were refused, not acknowledged");
        assertEquals(Set.of(), lost, "every acknowledged message is in history");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
