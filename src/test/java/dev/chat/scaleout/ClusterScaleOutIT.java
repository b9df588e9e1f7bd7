package dev.chat.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.chat.scaleout.Conversation.pause;
import static dev.chat.scaleout.Conversation.seqAndText;
import static dev.chat.scaleout.Conversation.seqs;
import static dev.chat.scaleout.Conversation.sendMany;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.RedisCluster;
import dev.chat.support.RedisServer;
import dev.chat.support.ServiceInstance;

/**
 * Three instances of the packaged service on a real Redis Cluster of three masters with a replica each,
 * as a Cluster deployment runs them (each message acknowledged once a replica holds it). Rooms live on
 * every master; an instance hears only the rooms it holds members of; a master killed under traffic
 * costs nobody an acknowledged message, and sends come back once its replica has taken over.
 */
@EnabledIf(value = "dev.chat.support.RedisCluster#available", disabledReason = "needs redis-server 7 and redis-cli")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScaleOutIT {

    private static RedisCluster cluster;
    private static ServiceInstance a;
    private static ServiceInstance b;
    private static ServiceInstance c;

    @BeforeAll
    static void start() {
        cluster = RedisCluster.start();
        Map<String, String> config = Map.of("chat.backplane", "redis", "quarkus.redis.client-type", "cluster",
                "quarkus.redis.hosts", cluster.hosts(), "chat.redis.ack-replicas", "1",
                "chat.redis.reconnect-interval", "200ms", "chat.rate-limit.per-second", "0",
                "chat.presence.heartbeat", "500ms", "chat.presence.expiry", "2s");
        List<ServiceInstance> instances = Conversation.startThree("cluster-", config);
        a = instances.get(0);
        b = instances.get(1);
        c = instances.get(2);
    }

    @AfterAll
    static void stop() {
        Conversation.stopAll(a, b, c, cluster);
    }

    @Test
    @Order(1)
    void roomsLiveOnEveryMasterAndEachRoomWhollyOnOne() {
        Map<RedisServer, String> roomByMaster = new LinkedHashMap<>();
        for (int i = 0; roomByMaster.size() < 3 && i < 100; i++) {
            String room = "spread-" + i;
            roomByMaster.putIfAbsent(cluster.masterOf(cluster.slotOf("chat:room:{" + room + "}:meta")), room);
        }
        assertEquals(3, roomByMaster.size(), "three rooms found, one per master");
        roomByMaster.forEach((master, room) -> {
            try (ChatClient alice = ChatClient.join(a.base(), "/chat/" + room + "?name=alice");
                    ChatClient bob = ChatClient.join(b.base(), "/chat/" + room + "?name=bob")) {
                alice.send("hello " + room);
                assertEquals("hello " + room, bob.messages(1).get(0).get("text").asText());
                for (String key : List.of("meta", "history")) {
                    assertEquals(":1", master.command("EXISTS chat:room:{" + room + "}:" + key),
                            "the room's " + key + " is on the master of its slot");
                }
            }
        });
    }

    @Test
    @Order(2)
    void concurrentSendersOnTwoInstancesGiveAllThreeTheIdenticalSequence() {
        try (ChatClient alice = ChatClient.join(a.base(), "/chat/cluster-race?name=alice");
                ChatClient bob = ChatClient.join(b.base(), "/chat/cluster-race?name=bob");
                ChatClient carol = ChatClient.join(c.base(), "/chat/cluster-race?name=carol")) {
            CompletableFuture<Void> fromA = CompletableFuture.runAsync(() -> sendMany(alice, "a", 40));
            CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> sendMany(bob, "b", 40));
            CompletableFuture.allOf(fromA, fromB).join();
            List<String> seenByAlice = seqAndText(alice.messages(80));
            assertEquals(seenByAlice, seqAndText(bob.messages(80)));
            assertEquals(seenByAlice, seqAndText(carol.messages(80)));
            assertEquals(80, new HashSet<>(seenByAlice).size());
        }
    }

    @Test
    @Order(3)
    void anInstanceWithoutMembersInARoomReceivesNoneOfItsMessages() {
        try (ChatClient alice = ChatClient.join(a.base(), "/chat/only-a-and-b?name=alice");
                ChatClient bob = ChatClient.join(b.base(), "/chat/only-a-and-b?name=bob")) {
            double receivedByA = meter(a, "chat_backplane_received_total");
            double receivedByB = meter(b, "chat_backplane_received_total");
            double receivedByC = meter(c, "chat_backplane_received_total");
            awaitMeter(c, "chat_backplane_rooms", 0);
            awaitMeter(a, "chat_backplane_rooms", 1);
            sendMany(alice, "m", 20);
            bob.messages(20);
            alice.messages(20);
            assertEquals(receivedByA + 20, meter(a, "chat_backplane_received_total"));
            assertEquals(receivedByB + 20, meter(b, "chat_backplane_received_total"));
            assertEquals(receivedByC, meter(c, "chat_backplane_received_total"), "c took none of the room's messages");
            assertEquals(0, meter(c, "chat_backplane_rooms"), "c listens to no room");
        }
    }

    /**
     * The master of a busy room is killed: sends are refused as unavailable meanwhile, and accepted again
     * once its replica has taken over and the old master, restarted as Kubernetes would, has come back as
     * the new one's replica. Every acknowledged message is stored; every member gets every acknowledged
     * message, in order, or is told of a reset before the room goes on.
     */
    @Test
    @Order(4)
    void killingTheMasterOfABusyRoomLosesNoAcknowledgedMessage() throws Exception {
        String room = "busy";
        int slot = cluster.slotOf("chat:room:{" + room + "}:meta");
        RedisServer master = cluster.masterOf(slot);
        String epoch;
        try (ChatClient sender = ChatClient.join(a.base(), "/chat/" + room + "?name=sender");
                ChatClient onB = ChatClient.connect(b.base(), "/chat/" + room + "?name=reader-b");
                ChatClient onC = ChatClient.join(c.base(), "/chat/" + room + "?name=reader-c")) {
            epoch = onB.expect("welcome").get("epoch").asText();
            AtomicBoolean sending = new AtomicBoolean(true);
            CompletableFuture<Integer> sends = CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                while (sending.get()) {
                    sender.send("{\"text\":\"t" + sent + "\",\"ref\":\"r" + sent + "\"}");
                    sent++;
                    pause(50);
                }
                return sent;
            });
            pause(1500);
            long killed = System.currentTimeMillis();
            master.stop();
            cluster.awaitFailover(slot, master, 15_000);
            long promoted = System.currentTimeMillis();
            master.startAgain();
            long restarted = System.currentTimeMillis();
            AtomicLong firstAcceptedAfterKill = new AtomicLong();
            List<JsonNode> senderFrames = new ArrayList<>();
            while (System.currentTimeMillis() - killed < 15_000 && firstAcceptedAfterKill.get() == 0) {
                JsonNode frame = sender.next();
                senderFrames.add(frame);
                if (frame.path("type").asText().equals("message") && System.currentTimeMillis() > killed + 100
                        && senderFrames.stream().anyMatch(f -> f.path("code").asText().equals("unavailable"))) {
                    firstAcceptedAfterKill.set(System.currentTimeMillis());
                }
            }
            assertTrue(firstAcceptedAfterKill.get() > 0, "sends are accepted again after the failover");
            long back = firstAcceptedAfterKill.get() - killed;
            System.out.printf("master killed: replica promoted after %d ms, old master back after %d ms, sends accepted after %d ms%n",
                    promoted - killed, restarted - killed, back);
            assertTrue(back < 10_000, "sends accepted again " + back + " ms after the kill");
            pause(1000);
            sending.set(false);
            int sent = sends.get();
            senderFrames.addAll(sender.drain(1500));

            Set<String> acknowledged = new HashSet<>();
            Set<String> refused = new HashSet<>();
            for (JsonNode frame : senderFrames) {
                if (frame.path("type").asText().equals("message")) {
                    acknowledged.add(frame.get("ref").asText());
                } else if (frame.path("type").asText().equals("error")) {
                    assertEquals("unavailable", frame.get("code").asText(), frame.toString());
                    refused.add(frame.get("ref").asText());
                }
            }
            assertFalse(refused.isEmpty(), "sends during the failover are refused");
            Set<String> answered = new HashSet<>(acknowledged);
            answered.addAll(refused);
            assertEquals(sent, answered.size(), "every send was acknowledged or refused");
            for (ChatClient member : List.of(onB, onC)) {
                assertEveryAcknowledgedInOrderOrAfterAReset(member.drain(1500), acknowledged);
            }

            try (ChatClient late = ChatClient.connect(c.base(), "/chat/" + room + "?name=late&since=0")) {
                JsonNode welcome = late.expect("welcome");
                int stored = welcome.get("lastSeq").asInt();
                List<JsonNode> history = late.messages(stored);
                assertEquals(LongStream.rangeClosed(1, stored).boxed().toList(), seqs(history));
                Set<String> storedRefs = new HashSet<>();
                history.forEach(message -> storedRefs.add(message.get("ref").asText()));
                assertTrue(storedRefs.containsAll(acknowledged), "every acknowledged message is stored");
            }
        }

        // A member of the room before the failover resumes on another instance: what it missed, or a reset.
        try (ChatClient back = ChatClient.connect(b.base(), "/chat/" + room + "?name=reader-a&since=3&epoch=" + epoch)) {
            JsonNode welcome = back.expect("welcome");
            List<JsonNode> frames = back.drain(1000);
            long lastSeq = welcome.get("lastSeq").asLong();
            List<JsonNode> messages = frames.stream().filter(f -> f.path("type").asText().equals("message")).toList();
            boolean reset = frames.stream().anyMatch(f -> f.path("type").asText().equals("gap") && f.path("reset").asBoolean());
            assertTrue(reset || welcome.get("epoch").asText().equals(epoch));
            assertFalse(messages.isEmpty());
            assertEquals(lastSeq, messages.get(messages.size() - 1).get("seq").asLong(), "resumed up to the room's last message");
        }
    }

    /** Within each epoch the member's messages run without holes or repeats, and between them came a reset. */
    private static void assertEveryAcknowledgedInOrderOrAfterAReset(List<JsonNode> frames, Set<String> acknowledged) {
        Set<String> received = new HashSet<>();
        long last = -1;
        for (JsonNode frame : frames) {
            String type = frame.path("type").asText();
            if (type.equals("gap") && frame.path("reset").asBoolean()) {
                last = -1;
            } else if (type.equals("gap")) {
                throw new AssertionError("a member was told of a hole, not a reset: " + frame);
            } else if (type.equals("message")) {
                long seq = frame.get("seq").asLong();
                assertTrue(last == -1 || seq == last + 1, "in order without holes: " + seq + " after " + last);
                last = seq;
                received.add(frame.get("ref").asText());
            }
        }
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(received);
        assertTrue(missing.isEmpty(), "every acknowledged message reached the member; missing " + missing);
    }

    /** Rooms are left as their last member's connection closes, a moment after the client closed it. */
    private static void awaitMeter(ServiceInstance instance, String name, double value) {
        long deadline = System.currentTimeMillis() + 5000;
        while (meter(instance, name) != value && System.currentTimeMillis() < deadline) {
            pause(50);
        }
        assertEquals(value, meter(instance, name), name + " on " + instance.name());
    }

    private static double meter(ServiceInstance instance, String name) {
        for (String line : instance.get("/q/metrics").split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no meter " + name + " on " + instance.name());
    }
}
