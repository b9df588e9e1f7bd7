package dev.chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.RedisServer;
import dev.chat.support.ServiceInstance;
import dev.chat.support.SseClient;

/**
 * A rolling update, on the packaged service: instance A gets SIGTERM while its clients chat with
 * instance B's. A stops being ready but keeps serving, closes every WebSocket with 1001 at moments
 * spread over the drain window, ends its event streams, and exits in time; every client then resumes
 * on B and has each message once, in order, with no hole.
 */
class DrainIT {

    private static final int SOCKETS = 8;
    private static final Duration DELAY = Duration.ofSeconds(4);
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisServer redis;
    private ServiceInstance a;
    private ServiceInstance b;

    @BeforeEach
    void startTwoReplicas() {
        redis = RedisServer.start();
        Map<String, String> config = Map.of("chat.backplane", "redis", "quarkus.redis.hosts", redis.uri(),
                "chat.rate-limit.per-second", "0", "quarkus.shutdown.delay", DELAY.toSeconds() + "s",
                "chat.drain.window", WINDOW.toSeconds() + "s", "quarkus.shutdown.timeout", TIMEOUT.toSeconds() + "s");
        a = ServiceInstance.start("drain-a", config);
        b = ServiceInstance.start("drain-b", config);
        a.awaitReady();
        b.awaitReady();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void aTerminatedInstanceDrainsItsClientsToAnotherReplicaAndNobodyMissesAMessage() throws Exception {
        List<ChatClient> sockets = new ArrayList<>();
        List<List<Long>> seen = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            sockets.add(ChatClient.join(a.base(), "/chat/rolling?name=user" + i));
            seen.add(new ArrayList<>());
        }
        SseClient stream = SseClient.open(a.base(), "/api/rooms/rolling/events?name=reader");
        stream.next("welcome");
        List<Long> streamed = new ArrayList<>();
        try (ChatClient sender = ChatClient.join(b.base(), "/chat/rolling?name=sender")) {
            for (int i = 1; i <= 5; i++) {
                sender.send("before " + i);
            }
            for (int i = 0; i < SOCKETS; i++) {
                seen.get(i).addAll(seqs(sockets.get(i).messages(5)));
            }
            stream.messages(5).forEach(event -> streamed.add(Long.parseLong(event.id())));

            long terminated = System.nanoTime();
            a.terminate();
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> a.status("/q/health/ready") == 503);
            assertEquals(200, a.status("/api/rooms/rolling"), "A still serves while it drains");
            assertEquals(503, ChatClient.refusal(a.base(), "/chat/rolling?name=late", Map.of()),
                    "no new WebSocket on a draining instance");

            for (int i = 1; i <= 10; i++) {
                sender.send("during " + i);
                Thread.sleep(WINDOW.toMillis() / 10);
            }

            List<Long> closedAt = new ArrayList<>();
            for (int i = 0; i < SOCKETS; i++) {
                ChatClient socket = sockets.get(i);
                assertEquals(1001, socket.closeCode(), "user" + i + " is told the instance is going away");
                closedAt.add(socket.closedAtNanos());
                seen.get(i).addAll(seqs(drain(socket)));
            }
            stream.awaitEnd();
            assertTrue(a.isAlive(), "the event stream ended by the drain, not by the process exiting");
            stream.remaining().stream().filter(event -> "message".equals(event.event()))
                    .forEach(event -> streamed.add(Long.parseLong(event.id())));
            assertTrue(a.awaitExit(DELAY.plus(TIMEOUT).plusSeconds(5)), "A exits within the shutdown delay and timeout");
            long spread = closedAt.stream().mapToLong(Long::longValue).max().getAsLong()
                    - closedAt.stream().mapToLong(Long::longValue).min().getAsLong();
            assertTrue(spread > WINDOW.toNanos() / 10, "closes spread over the window, not at once: " + spread / 1_000_000 + " ms");
            assertTrue(closedAt.stream().allMatch(at -> at - terminated < DELAY.plus(TIMEOUT).toNanos()));

            for (int i = 1; i <= 5; i++) {
                sender.send("after " + i);
            }
        }

        long total = 20;
        for (int i = 0; i < SOCKETS; i++) {
            List<Long> mine = seen.get(i);
            long since = mine.get(mine.size() - 1);
            try (ChatClient resumed = ChatClient.connect(b.base(), "/chat/rolling?name=user" + i + "&since=" + since)) {
                resumed.expect("welcome");
                mine.addAll(seqs(resumed.messages((int) (total - since))));
            }
            assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), mine, "user" + i + " has every message once");
        }
        try (SseClient resumed = SseClient.open(b.base(), "/api/rooms/rolling/events?name=reader",
                Map.of("Last-Event-ID", String.valueOf(streamed.get(streamed.size() - 1))))) {
            resumed.next("welcome");
            long since = streamed.get(streamed.size() - 1);
            resumed.messages((int) (total - since)).forEach(event -> streamed.add(Long.parseLong(event.id())));
        }
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), streamed, "the event stream resumes without a hole");
    }

    /** The messages that arrived before the close frame. */
    private static List<JsonNode> drain(ChatClient socket) {
        List<JsonNode> messages = new ArrayList<>();
        JsonNode frame;
        while ((frame = socket.poll()) != null) {
            if ("message".equals(frame.path("type").asText())) {
                messages.add(frame);
            }
        }
        return messages;
    }

    private static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("seq").asLong()).toList();
    }
}
