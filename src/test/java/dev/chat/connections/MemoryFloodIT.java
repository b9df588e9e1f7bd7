package dev.chat.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.LiveHeap;
import dev.chat.support.RawWebSocket;
import dev.chat.support.ServiceInstance;
import dev.chat.support.Urls;
import dev.chat.support.WhatUsersFeel;

/**
 * The packaged service on a small heap (128 MiB, serial GC as the image runs it) with the rate limit
 * off, so only the memory bounds stand between an attacker and an {@code OutOfMemoryError}: reads of
 * thousands of rooms nobody wrote leave nothing behind, and a flood of large texts into hundreds of rooms
 * stays inside {@code chat.history.max-bytes}, and a reconnect storm of clients resuming the same
 * recent messages is served whole, while the calm room and liveness carry on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryFloodIT {

    private static final long MAX_BYTES = 8L << 20;
    private static final String TEXT = "y".repeat(2000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServiceInstance service;

    @BeforeAll
    static void start() {
        service = ServiceInstance.start("memory-flood", Map.of("chat.rate-limit.per-second", "0",
                "chat.limits.connections-per-address", "0", "chat.history.max-bytes", String.valueOf(MAX_BYTES)),
                List.of("-Xmx128m", "-XX:+UseSerialGC")).awaitReady();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void readingThousandsOfRoomsNobodyWroteLeavesNothingBehind() {
        warmUp();
        long before = LiveHeap.bytes(service.pid());
        run(20_000, 32, i -> HttpRequest.newBuilder(Urls.http(service.base(),
                (i % 2 == 0 ? "/api/rooms/empty" + i + "/messages?since=0" : "/api/rooms/empty" + i))).GET());
        for (int i = 0; i < 200; i++) {
            ChatClient.join(service.base(), "/chat/visited" + i + "?name=visitor").close();
        }
        long after = LiveHeap.bytes(service.pid());
        System.out.printf("live heap before %d KiB, after 20,000 empty rooms %d KiB%n", before / 1024, after / 1024);
        assertTrue(after - before < 4L << 20, "live heap grew by " + (after - before) / 1024 + " KiB for 20,000 empty rooms");
    }

    @Test
    @Order(2)
    void aFloodOfLargeTextsIntoHundredsOfRoomsStaysInsideTheHistoryBudget() throws IOException {
        long before = LiveHeap.bytes(service.pid());
        long slowestDelivery;
        long slowestLiveness;
        assertEquals(201, Http.postJson(service.base(), "/api/rooms/fill0/messages", Map.of("text", "first")).statusCode());
        String epoch = Http.body(Http.get(service.base(), "/api/rooms/fill0/messages?since=0")).get("epoch").asText();
        try (WhatUsersFeel feel = WhatUsersFeel.watch(service.base())) {
            AtomicInteger accepted = new AtomicInteger();
            long started = System.nanoTime();
            while (System.nanoTime() - started < Duration.ofSeconds(15).toNanos()) {
                accepted.addAndGet(run(2_000, 64, i -> HttpRequest.newBuilder(Urls.http(service.base(),
                        "/api/rooms/fill" + (i % 300) + "/messages")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Http.json(Map.of("name", "n" + i, "text", TEXT))))));
            }
            assertTrue(accepted.get() > 5_000, "the flood got through: " + accepted + " posts stored");
            feel.assertUnharmed();
            slowestDelivery = feel.slowestDeliveryMillis();
            slowestLiveness = feel.slowestLivenessMillis();
        }
        long after = LiveHeap.bytes(service.pid());
        System.out.printf("live heap before %d KiB, after the flood %d KiB; slowest calm delivery %d ms, slowest liveness %d ms%n",
                before / 1024, after / 1024, slowestDelivery, slowestLiveness);
        assertTrue(after - before < MAX_BYTES + (8L << 20), "live heap grew by " + (after - before) / 1024
                + " KiB, with a history budget of " + MAX_BYTES / 1024 + " KiB");

        JsonNode resumed = Http.body(Http.get(service.base(), "/api/rooms/fill0/messages?since=1&epoch=" + epoch));
        JsonNode gap = resumed.get("gap");
        assertNotNull(gap, "a client resuming into what the budget dropped is told");
        assertTrue(!resumed.get("epoch").asText().equals(epoch) || gap.get("from").asLong() == 2,
                "either the room started over under a new epoch, or its oldest messages are reported gone: " + gap);
        assertTrue(service.isAlive());
        assertFalse(Files.readString(service.log()).contains("OutOfMemoryError"), "no OutOfMemoryError in the log");
    }

    /**
     * Two thousand clients resume the same 45 KiB of recent messages at once. Whether their replays
     * share one frame per message is {@code MessageFramesTest}'s to show; this storm shows that all of
     * them are served whole, in order, while the calm room carries on.
     */
    @Test
    @Order(3)
    void aReconnectStormResumingTheSameRecentMessagesIsServedWhole() throws Exception {
        int clients = 2_000;
        int recent = 50;
        String text = "z".repeat(900);
        for (int i = 0; i < recent; i++) {
            assertEquals(201, Http.postJson(service.base(), "/api/rooms/storm/messages", Map.of("name", "w", "text", text))
                    .statusCode());
        }
        ExecutorService storm = Executors.newFixedThreadPool(200);
        try (WhatUsersFeel feel = WhatUsersFeel.watch(service.base())) {
            List<Future<?>> resumed = new ArrayList<>(clients);
            for (int i = 0; i < clients; i++) {
                String path = "/chat/storm?name=r" + i + "&since=0";
                // Read as raw frames: the JDK's WebSocket client garbles an occasional text message
                // that arrives in pieces under this load, while the bytes on the wire are whole.
                resumed.add(storm.submit(() -> {
                    try (RawWebSocket client = RawWebSocket.connect(Urls.ws(service.base(), path))) {
                        long next = 1;
                        while (next <= recent) {
                            JsonNode frame = JSON.readTree(client.read().payload());
                            if (frame.path("type").asText().equals("message")) {
                                assertEquals(next++, frame.get("seq").asLong(), "replayed in order");
                            }
                        }
                        return null;
                    }
                }));
            }
            // A client that missed, reordered or never got a message fails its get().
            for (Future<?> one : resumed) {
                one.get(60, TimeUnit.SECONDS);
            }
            feel.assertUnharmed();
        } finally {
            storm.shutdownNow();
        }
        assertTrue(service.isAlive());
        assertFalse(Files.readString(service.log()).contains("OutOfMemoryError"), "no OutOfMemoryError in the log");
    }

    private static void warmUp() {
        run(2_000, 32, i -> HttpRequest.newBuilder(Urls.http(service.base(), "/api/rooms/warm" + i + "/messages?since=0")).GET());
    }

    /** Sends {@code count} requests, {@code inFlight} at a time; answers how many got a 2xx. */
    private static int run(int count, int inFlight, java.util.function.IntFunction<HttpRequest.Builder> request) {
        Semaphore permits = new Semaphore(inFlight);
        AtomicInteger ok = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            permits.acquireUninterruptibly();
            all.add(Http.CLIENT.sendAsync(request.apply(i).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                        permits.release();
                        if (response != null && response.statusCode() / 100 == 2) {
                            ok.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return ok.get();
    }
}
