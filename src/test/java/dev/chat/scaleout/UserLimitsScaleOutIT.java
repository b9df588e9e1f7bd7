package dev.chat.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.chat.scaleout.Conversation.pause;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.RedisServer;
import dev.chat.support.ServiceInstance;
import dev.chat.support.SseClient;
import dev.chat.support.TokenIssuer;
import dev.chat.support.Urls;
import dev.chat.support.WhatUsersFeel;

/**
 * Two instances of the packaged service in token mode on one Redis: a user's connections and send rate
 * are counted once for the cluster, not once per instance. Three connections per user; a burst of 10 and
 * then 5 messages a second.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserLimitsScaleOutIT {

    private static final int BURST = 10;
    private static final int PER_SECOND = 5;

    private static TokenIssuer issuer;
    private static RedisServer redis;
    private static ServiceInstance a;
    private static ServiceInstance b;

    @BeforeAll
    static void startCluster() {
        issuer = TokenIssuer.start();
        redis = RedisServer.start();
        Map<String, String> config = new HashMap<>(issuer.serviceConfig());
        config.putAll(Map.of("chat.backplane", "redis", "quarkus.redis.hosts", redis.uri(),
                "chat.auth.public-rooms", "lobby,open-*,calm-*", "chat.auth.connections-per-user", "3",
                "chat.rate-limit.burst", String.valueOf(BURST), "chat.rate-limit.per-second", String.valueOf(PER_SECOND),
                // Refusals are counted here, not punished: the flooder stays connected to keep trying.
                "chat.rate-limit.close-after", "1000000"));
        a = ServiceInstance.start("limits-a", config);
        b = ServiceInstance.start("limits-b", config);
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    static void stopCluster() {
        Conversation.stopAll(a, b, redis, issuer);
    }

    @Test
    @Order(1)
    void aUserAtItsLimitAcrossInstancesIsRefusedOnEitherUntilItClosesOne() throws Exception {
        String token = issuer.token("hoarder", 120);
        String access = "access_token=" + token;
        ChatClient socketOnA = ChatClient.join(a.base(), "/chat/lobby?" + access);
        CompletableFuture<HttpResponse<String>> longPollOnA = Http.CLIENT.sendAsync(HttpRequest.newBuilder(
                Urls.http(a.base(), "/api/rooms/open-wait/messages?since=0&wait=20")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        try (SseClient streamOnB = SseClient.open(b.base(), "/api/rooms/lobby/events?" + access)) {
            streamOnB.next("welcome");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> refusal(a, access) == 429);
            for (ServiceInstance instance : List.of(a, b)) {
                assertEquals(429, refusal(instance, access), "a fourth WebSocket on " + instance.name());
                assertEquals(429, Http.get(instance.base(), "/api/rooms/lobby/events?" + access).statusCode(),
                        "a fourth event stream on " + instance.name());
                assertEquals(429, Http.send(HttpRequest.newBuilder(Urls.http(instance.base(), "/api/rooms/lobby/messages?since=0&wait=1"))
                        .header("Authorization", "Bearer " + token)).statusCode(), "a fourth long poll on " + instance.name());
            }
            assertEquals(101, refusal(b, "access_token=" + issuer.token("neighbour", 60)), "another user is not counted with it");

            socketOnA.close();
            // The place comes back once the closed socket's release has reached Redis.
            ChatClient again = Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> joinOrNull(b, access), Objects::nonNull);
            try (again) {
                assertEquals(429, refusal(a, access), "the place the close gave back is taken again");
            }
        } finally {
            Http.post(a.base(), "/api/rooms/open-wait/messages", "application/json", "{\"text\":\"wake up\"}",
                    Map.of("Authorization", "Bearer " + issuer.token("waker", 60)));
        }
        assertEquals(200, longPollOnA.get(10, TimeUnit.SECONDS).statusCode());
    }

    /**
     * One socket on each instance, each sending 40 messages a second (eight times the rate) for four
     * seconds. Every message is answered, on the reader's side as a message or on the sender's as a
     * refusal, and the count waits for all of them, however slowly a busy machine works through them.
     * Alone each instance would admit a burst and its rate (2 × (10 + 20)); shared, the user gets one
     * burst and one rate, plus at most one burst more for the other instance's optimism (10 + 5 × T +
     * 10), T running until the last answer came.
     */
    @Test
    @Order(2)
    void aUserSendingAsFastAsItCanThroughBothInstancesGetsTheConfiguredRate() throws Exception {
        String flooder = "access_token=" + issuer.token("flooder", 120);
        try (ChatClient reader = ChatClient.join(a.base(), "/chat/open-flood?access_token=" + issuer.token("reader", 120));
                ChatClient onA = ChatClient.join(a.base(), "/chat/open-flood?" + flooder);
                ChatClient onB = ChatClient.join(b.base(), "/chat/open-flood?" + flooder)) {
            long start = System.nanoTime();
            CompletableFuture<Integer> fromA = CompletableFuture.supplyAsync(() -> flood(onA, "a", 4000, 25));
            CompletableFuture<Integer> fromB = CompletableFuture.supplyAsync(() -> flood(onB, "b", 4000, 25));
            int sent = fromA.get() + fromB.get();
            double sending = (System.nanoTime() - start) / 1e9;
            long admitted = 0;
            long refused = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (admitted + refused < sent && System.nanoTime() < deadline) {
                admitted += count(reader.drain(100), "flooder");
                refused += refusals(onA.drain(100)) + refusals(onB.drain(100));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("flood through two instances: %d sent in %.1f s, %d admitted and %d refused by %.1f s%n",
                    sent, sending, admitted, refused, seconds);
            assertEquals(sent, admitted + refused, "every message answered");
            assertTrue(admitted <= BURST + PER_SECOND * seconds + BURST, "admitted " + admitted + " of " + sent);
            assertTrue(admitted >= BURST + PER_SECOND * (sending - 1), "the rate is still given: " + admitted);
        }
    }

    /**
     * A hostile user hops between the instances: connects, floods, drops the socket, takes the other
     * instance, over and over, and tries more connections than it may. A calm user in another room on
     * one of the instances chats on unharmed, and the hostile one still gets one rate plus at most a burst.
     */
    @Test
    @Order(3)
    void aHostileUserHoppingInstancesDoesNotStarveAnotherUsersMessages() throws Exception {
        String hostile = "access_token=" + issuer.token("hopper", 120);
        WhatUsersFeel calm = WhatUsersFeel.watch(b.base(), "&access_token=" + issuer.token("calm", 120));
        int refusedConnections = 0;
        try (ChatClient reader = ChatClient.join(b.base(), "/chat/open-hop?access_token=" + issuer.token("watcher", 120))) {
            long start = System.nanoTime();
            for (int hop = 0; System.nanoTime() - start < 5_000_000_000L; hop++) {
                ServiceInstance here = hop % 2 == 0 ? a : b;
                List<ChatClient> sockets = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    try {
                        sockets.add(ChatClient.join(here.base(), "/chat/open-hop?" + hostile));
                    } catch (RuntimeException refused) {
                        refusedConnections++;
                    }
                }
                // A hundred a second on each socket, twenty times the rate: a rate attack, not a CPU one.
                sockets.forEach(socket -> flood(socket, "h", 300, 10));
                sockets.forEach(ChatClient::close);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long admitted = count(reader.drain(1500), "hopper");
            System.out.printf("hopping flood: %d admitted in %.1f s, %d connections refused%n", admitted, seconds, refusedConnections);
            assertTrue(admitted <= BURST + PER_SECOND * (seconds + 0.5) + BURST, "admitted " + admitted);
            assertTrue(refusedConnections > 0, "five at once is over three");
        }
        calm.assertUnharmed();
    }

    /**
     * What the limits ask of Redis, read from Redis' own MONITOR: per admission and close one script on
     * the user's connection set, per message at most one on its bucket, nothing else.
     */
    @Test
    @Order(4)
    void aConnectionCostsOneScriptEachWayAndAMessageAtMostOne() throws Exception {
        String access = "access_token=" + issuer.token("metered", 120);
        try (RedisMonitor monitor = RedisMonitor.watch(redis.port())) {
            for (int i = 0; i < 10; i++) {
                ChatClient.join(a.base(), "/chat/open-meter?" + access).close();
            }
            try (ChatClient sender = ChatClient.join(b.base(), "/chat/open-meter?" + access)) {
                for (int i = 0; i < 20; i++) {
                    sender.send("m" + i);
                    sender.awaitText("m" + i);
                    pause(200);
                }
            }
            pause(1000);
            List<String> seen = monitor.lines();
            long opens = seen.stream().filter(line -> line.contains("chat:user:{metered}:connections\" \"open")).count();
            long closes = seen.stream().filter(line -> line.contains("chat:user:{metered}:connections\" \"close")).count();
            long charges = seen.stream().filter(line -> line.contains("\"evalsha\"") && line.contains("chat:user:{metered}:rate")).count();
            long all = seen.stream().filter(line -> line.contains("chat:user:{metered}")).count();
            System.out.printf("Redis commands for 11 connections and 20 messages: %d opens, %d closes, %d charges, %d in all "
                    + "naming the user; %d commands in all%n", opens, closes, charges, all, seen.size());
            assertEquals(11, opens);
            assertEquals(11, closes);
            assertTrue(charges <= 20 && charges > 0, "charges: " + charges);
        }
    }

    /** Sends for {@code millis}, {@code pauseMillis} apart; the number sent. */
    private static int flood(ChatClient socket, String prefix, long millis, long pauseMillis) {
        long end = System.nanoTime() + millis * 1_000_000;
        int sent = 0;
        while (System.nanoTime() < end) {
            socket.send("{\"text\":\"" + prefix + sent + "\"}");
            sent++;
            pause(pauseMillis);
        }
        return sent;
    }

    private static long refusals(List<JsonNode> frames) {
        return frames.stream().filter(frame -> "rate_limited".equals(frame.path("code").asText())).count();
    }

    private static long count(List<JsonNode> frames, String uid) {
        return frames.stream().filter(frame -> "message".equals(frame.path("type").asText()))
                .filter(frame -> uid.equals(frame.path("uid").asText())).count();
    }

    private static ChatClient joinOrNull(ServiceInstance instance, String access) {
        try {
            return ChatClient.join(instance.base(), "/chat/lobby?" + access);
        } catch (CompletionException refused) {
            return null;
        }
    }

    private static int refusal(ServiceInstance instance, String access) {
        return ChatClient.refusal(instance.base(), "/chat/lobby?" + access, Map.of());
    }
}
