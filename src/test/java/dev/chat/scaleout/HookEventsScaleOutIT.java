package dev.chat.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.AppBackend;
import dev.chat.support.Http;
import dev.chat.support.RedisServer;
import dev.chat.support.ServiceInstance;

/**
 * Event webhooks on the Redis backplane, with the packaged service: two instances share the outbox and
 * the endpoint hears each event once, in order per room; events kept while the endpoint is down survive
 * the loss of every instance and reach it from an instance started afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HookEventsScaleOutIT {

    private static final String KEY = "scale-out-server-key";

    private static RedisServer redis;
    private static AppBackend backend;
    private static Map<String, String> config;
    private static ServiceInstance a;
    private static ServiceInstance b;
    private static ServiceInstance c;

    @BeforeAll
    static void start() {
        redis = RedisServer.startPersistent();
        backend = AppBackend.start();
        config = new HashMap<>(Map.of("chat.backplane", "redis", "quarkus.redis.hosts", redis.uri(),
                "chat.hooks.events-url", backend.url("/events"), "chat.hooks.secret", AppBackend.SECRET,
                "chat.hooks.events-lease", "2s", "chat.hooks.events-retry-min", "100ms",
                "chat.hooks.events-retry-max", "1s", "chat.api.keys", KEY));
        a = ServiceInstance.start("hooks-a", config);
        b = ServiceInstance.start("hooks-b", config);
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    static void stop() {
        Conversation.stopAll(a, b, c, backend, redis);
    }

    @Test
    @Order(1)
    void twoInstancesDeliverEachEventOnceInOrderPerRoom() throws InterruptedException {
        List<String> rooms = List.of("once-1", "once-2", "once-3", "once-4");
        for (int i = 1; i <= 20; i++) {
            for (String room : rooms) {
                post(i % 2 == 0 ? a : b, room, "m" + i);
            }
        }
        awaitMessages(rooms, 20);
        Thread.sleep(1000);
        for (String room : rooms) {
            List<JsonNode> events = messagesOf(room);
            assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), events.stream().map(e -> e.get("seq").asLong()).toList(),
                    "each message event of " + room + " once, in seq order");
            assertEquals("m1", events.get(0).get("text").asText());
        }
        assertEquals(backend.events().size(), backend.events().stream().map(e -> e.get("id").asText()).distinct().count(),
                "no event reached the endpoint twice");
        // Delivered rooms leave nothing behind: no stream, no lease, off the waiting set.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ":0".equals(redis.command("SCARD chat:hooks:rooms")));
        for (String room : rooms) {
            assertEquals(":0", redis.command("EXISTS chat:room:{" + room + "}:events chat:room:{" + room + "}:events-lease"));
        }
    }

    @Test
    @Order(2)
    void eventsKeptWhileTheEndpointIsDownSurviveEveryInstance() {
        backend.eventsDown(true);
        List<String> rooms = List.of("kept-1", "kept-2");
        for (int i = 1; i <= 10; i++) {
            for (String room : rooms) {
                post(i % 2 == 0 ? a : b, room, "k" + i);
            }
        }
        a.kill();
        b.kill();
        backend.eventsDown(false);
        c = ServiceInstance.start("hooks-c", config).awaitReady();
        awaitMessages(rooms, 10);
        for (String room : rooms) {
            assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(),
                    messagesOf(room).stream().map(e -> e.get("seq").asLong()).toList());
        }
        assertEquals(true, backend.calls("/events").stream().allMatch(AppBackend::signatureHolds));
    }

    private static void post(ServiceInstance instance, String room, String text) {
        int status = Http.post(instance.base(), "/api/rooms/" + room + "/messages", "application/json",
                Http.json(Map.of("name", "bot", "text", text)), Map.of("X-API-Key", KEY)).statusCode();
        assertEquals(201, status);
    }

    private static void awaitMessages(List<String> rooms, int each) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rooms.stream().allMatch(room -> messagesOf(room).size() >= each));
    }

    private static List<JsonNode> messagesOf(String room) {
        return backend.events().stream().filter(e -> e.get("room").asText().equals(room) && e.get("type").asText().equals("message"))
                .toList();
    }
}
