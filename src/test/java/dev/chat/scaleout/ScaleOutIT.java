package dev.chat.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static dev.chat.scaleout.Conversation.pause;
import static dev.chat.scaleout.Conversation.seqAndText;
import static dev.chat.scaleout.Conversation.seqs;
import static dev.chat.scaleout.Conversation.sendMany;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.RedisServer;
import dev.chat.support.ServiceInstance;
import dev.chat.support.SseClient;

/**
 * Three instances of the packaged service on one Redis, as a Kubernetes Deployment runs them. Clients on
 * different instances share each room's single order; a client resumes on any instance; an instance
 * killed with SIGKILL and a Redis killed under traffic cost nobody an acknowledged message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static RedisServer redis;
    private static ServiceInstance a;
    private static ServiceInstance b;
    private static ServiceInstance c;

    @BeforeAll
    static void startCluster() {
        // Every write is on disk before Redis answers, so a Redis killed and started again keeps what it acknowledged.
        redis = RedisServer.startPersistent();
        Map<String, String> config = Map.of("chat.backplane", "redis", "quarkus.redis.hosts", redis.uri(),
                "chat.presence.heartbeat", "500ms", "chat.presence.expiry", "2s", "chat.rate-limit.per-second", "0");
        List<ServiceInstance> instances = Conversation.startThree("", config);
        a = instances.get(0);
        b = instances.get(1);
        c = instances.get(2);
    }

    @AfterAll
    static void stopCluster() {
        Conversation.stopAll(a, b, c, redis);
    }

    @Test
    @Order(1)
    void aMessageSentOnOneInstanceReachesClientsOnEveryInstanceOnceInOrder() throws InterruptedException {
        try (ChatClient alice = ChatClient.join(a.base(), "/chat/fanout?name=alice");
                ChatClient bob = ChatClient.join(b.base(), "/chat/fanout?name=bob");
                ChatClient carol = ChatClient.join(c.base(), "/chat/fanout?name=carol")) {
            for (int i = 1; i <= 10; i++) {
                alice.send("m" + i);
            }
            for (ChatClient client : List.of(alice, bob, carol)) {
                List<JsonNode> messages = client.messages(10);
                assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), seqs(messages));
                assertEquals("m1", messages.get(0).get("text").asText());
                client.expectNoMessage(300);
            }
        }
    }

    @Test
    @Order(2)
    void concurrentSendersOnTwoInstancesGiveEveryClientTheIdenticalSequence() {
        try (ChatClient alice = ChatClient.join(a.base(), "/chat/race?name=alice");
                ChatClient bob = ChatClient.join(b.base(), "/chat/race?name=bob");
                ChatClient carol = ChatClient.join(c.base(), "/chat/race?name=carol")) {
            CompletableFuture<Void> fromA = CompletableFuture.runAsync(() -> sendMany(alice, "a", 25));
            CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> sendMany(bob, "b", 25));
            CompletableFuture.allOf(fromA, fromB).join();
            List<String> seenByAlice = seqAndText(alice.messages(50));
            assertEquals(seenByAlice, seqAndText(bob.messages(50)));
            assertEquals(seenByAlice, seqAndText(carol.messages(50)));
            assertEquals(50, new HashSet<>(seenByAlice).size());
            assertEquals("50:", seenByAlice.get(49).substring(0, 3));
        }
    }

    @Test
    @Order(3)
    void aClientResumesOnAnotherInstanceWithoutMissingAnything() {
        // Erin sends on b; Dave reads on a, resumes by WebSocket on c and by SSE Last-Event-ID on a.
        String epoch;
        try (ChatClient erin = ChatClient.join(b.base(), "/chat/resume?name=erin")) {
            try (ChatClient dave = ChatClient.connect(a.base(), "/chat/resume?name=dave")) {
                epoch = dave.expect("welcome").get("epoch").asText();
                sendMany(erin, "before", 3);
                assertEquals(List.of(1L, 2L, 3L), seqs(dave.messages(3)));
            }
            sendMany(erin, "meanwhile", 4);
            erin.messages(7);
        }
        try (ChatClient dave = ChatClient.connect(c.base(), "/chat/resume?name=dave&since=3&epoch=" + epoch)) {
            JsonNode welcome = dave.expect("welcome");
            assertEquals(epoch, welcome.get("epoch").asText());
            assertEquals(7, welcome.get("lastSeq").asLong());
            List<JsonNode> missed = dave.messages(4);
            assertEquals(List.of(4L, 5L, 6L, 7L), seqs(missed));
            assertEquals("meanwhile1", missed.get(0).get("text").asText());
        }
        try (SseClient stream = SseClient.open(a.base(), "/api/rooms/resume/events?name=dave&epoch=" + epoch,
                Map.of("Last-Event-ID", "5"))) {
            assertEquals(List.of("6", "7"), stream.messages(2).stream().map(SseClient.Event::id).toList());
        }
    }

    @Test
    @Order(4)
    void killingAnInstanceCostsItsClientsNothingAndTheirNamesLeave() throws InterruptedException {
        try (ChatClient frank = ChatClient.join(a.base(), "/chat/crash?name=frank");
                ChatClient gina = ChatClient.join(b.base(), "/chat/crash?name=gina")) {
            ChatClient hank = ChatClient.connect(c.base(), "/chat/crash?name=hank");
            String epoch = hank.expect("welcome").get("epoch").asText();
            sendMany(frank, "before", 3);
            for (ChatClient client : List.of(frank, gina, hank)) {
                assertEquals(List.of(1L, 2L, 3L), seqs(client.messages(3)));
            }

            c.kill();
            assertNotEquals(1000, hank.closeCode(), "a killed instance cannot close cleanly");
            long killed = System.currentTimeMillis();
            awaitPresence(frank, "leave", "hank");
            awaitPresence(gina, "leave", "hank");
            assertTrue(System.currentTimeMillis() - killed < 30_000);
            assertEquals("[\"frank\",\"gina\"]", names(a, "crash"));

            sendMany(frank, "after", 3);
            for (ChatClient survivor : List.of(frank, gina)) {
                assertEquals(List.of(4L, 5L, 6L), seqs(survivor.messages(3)));
                survivor.expectNoMessage(200);
            }

            try (ChatClient back = ChatClient.connect(a.base(), "/chat/crash?name=hank&since=3&epoch=" + epoch)) {
                back.expect("welcome");
                assertEquals(List.of(4L, 5L, 6L), seqs(back.messages(3)));
                awaitPresence(gina, "join", "hank");
            }
            hank.close();
        }
    }

    @Test
    @Order(5)
    void redisKilledUnderTrafficLosesNothingAcknowledgedAndComesBackOnItsOwn() throws Exception {
        try (ChatClient ivan = ChatClient.join(a.base(), "/chat/outage?name=ivan");
                ChatClient judy = ChatClient.join(b.base(), "/chat/outage?name=judy")) {
            AtomicBoolean sending = new AtomicBoolean(true);
            CompletableFuture<Integer> sender = CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                while (sending.get()) {
                    ivan.send("{\"text\":\"o" + sent + "\",\"ref\":\"r" + sent + "\"}");
                    sent++;
                    pause(100);
                }
                return sent;
            });
            pause(1000);
            redis.stop();
            pause(1500);
            assertEquals(200, a.status("/q/health/ready"), "a Redis outage does not take replicas out of the Service");
            assertEquals(200, a.status("/q/health/live"));
            assertTrue(a.get("/q/health/ready").contains("unreachable"), a.get("/q/health/ready"));
            redis.startAgain();
            long restarted = System.currentTimeMillis();
            long lastBefore = judy.drain(300).stream().filter(f -> f.path("type").asText().equals("message"))
                    .mapToLong(f -> f.get("seq").asLong()).max().orElse(0);
            JsonNode firstAfter;
            do {
                firstAfter = judy.expect("message");
            } while (firstAfter.get("seq").asLong() <= lastBefore);
            long recovered = System.currentTimeMillis() - restarted;
            assertTrue(recovered < 5000, "messages flow again " + recovered + " ms after Redis is back");
            pause(1000);
            sending.set(false);
            int sent = sender.get();

            List<JsonNode> ivanFrames = ivan.drain(1500);
            Set<String> acknowledged = new HashSet<>();
            Set<String> refused = new HashSet<>();
            for (JsonNode frame : ivanFrames) {
                if (frame.path("type").asText().equals("message")) {
                    acknowledged.add(frame.get("ref").asText());
                } else if (frame.path("type").asText().equals("error")) {
                    assertEquals("unavailable", frame.get("code").asText(), frame.toString());
                    refused.add(frame.get("ref").asText());
                }
            }
            assertFalse(refused.isEmpty(), "sends during the outage are refused");
            assertTrue(ivan.isOpen() && judy.isOpen(), "connections stay open through the outage");

            try (ChatClient late = ChatClient.connect(b.base(), "/chat/outage?name=late&since=0")) {
                JsonNode welcome = late.expect("welcome");
                int stored = welcome.get("lastSeq").asInt();
                List<JsonNode> history = late.messages(stored);
                assertEquals(LongStream.rangeClosed(1, stored).boxed().toList(), seqs(history));
                Set<String> storedRefs = new HashSet<>();
                history.forEach(message -> storedRefs.add(message.get("ref").asText()));
                assertEquals(stored, storedRefs.size(), "each message stored once");
                assertTrue(storedRefs.containsAll(acknowledged), "every acknowledged message is stored");
                refused.forEach(ref -> assertFalse(storedRefs.contains(ref), "a refused message is not stored: " + ref));
                assertTrue(acknowledged.size() + refused.size() <= sent);
            }
        }
    }

    private static void awaitPresence(ChatClient client, String type, String name) {
        while (true) {
            JsonNode frame = client.next();
            String actual = frame.path("type").asText();
            if (actual.equals(type) && frame.get("name").asText().equals(name)) {
                return;
            }
            if (!actual.equals("join") && !actual.equals("leave")) {
                fail("expected " + type + " of " + name + " but got " + frame);
            }
        }
    }

    private static String names(ServiceInstance instance, String room) {
        String info = instance.get("/api/rooms/" + room);
        return info.substring(info.indexOf("\"names\":") + 8, info.indexOf(']', info.indexOf("\"names\":")) + 1);
    }
}
