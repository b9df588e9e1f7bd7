package dev.chat.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.AppBackend;
import dev.chat.support.ChatClient;
import dev.chat.support.HooksProfile;
import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The memory backplane's outbox is bounded: with the endpoint down, the oldest events beyond
 * {@code chat.hooks.events-queue-size} are dropped and counted. With {@code publish-on-failure=accept} a
 * hook that does not answer in time lets the message through as sent.
 */
@QuarkusTest
@TestProfile(HookLimitsTest.SmallOutboxAcceptingOnFailure.class)
class HookLimitsTest {

    public static class SmallOutboxAcceptingOnFailure extends HooksProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("chat.hooks.events-queue-size", "5");
            config.put("chat.hooks.publish-on-failure", "accept");
            config.put("chat.hooks.publish-timeout", "300ms");
            return config;
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aHookThatHangsLetsTheMessageThroughAsSentWhenFailuresAccept() {
        try (ChatClient alice = ChatClient.join(base, "/chat/limits-accept?name=alice")) {
            long started = System.nanoTime();
            alice.send("hang in there");
            alice.awaitText("hang in there");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis >= 250, "stored after the 300 ms timeout, took " + tookMillis);
        }
    }

    @Test
    void withTheEndpointDownTheOutboxKeepsTheNewestFiveAndCountsTheRestAsDropped() {
        AppBackend backend = HooksProfile.backend();
        String room = "limits-outbox";
        double droppedBefore = dropped();
        backend.eventsDown(true);
        try (ChatClient alice = ChatClient.join(base, "/chat/" + room + "?name=alice")) {
            for (int i = 1; i <= 12; i++) {
                alice.send("queued " + i);
                alice.awaitText("queued " + i);
            }
            double droppedNow = dropped();
            assertTrue(droppedNow - droppedBefore >= 8, "at least the join and seven messages were dropped: "
                    + droppedBefore + " then " + droppedNow);
            backend.eventsDown(false);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> ofRoom(backend.events(), room).stream().anyMatch(e -> e.path("seq").asLong() == 12));
        }
        List<Long> delivered = ofRoom(backend.events(), room).stream().filter(e -> e.get("type").asText().equals("message"))
                .map(e -> e.get("seq").asLong()).toList();
        assertEquals(List.of(8L, 9L, 10L, 11L, 12L), delivered, "the newest five, in order");
    }

    private double dropped() {
        Matcher found = Pattern.compile("(?m)^chat_hooks_events_dropped_total(?:\\{[^}]*\\})? ([0-9.eE+-]+)")
                .matcher(Http.get(base, "/q/metrics").body());
        if (!found.find()) {
            throw new AssertionError("no chat_hooks_events_dropped_total at /q/metrics");
        }
        return Double.parseDouble(found.group(1));
    }

    private static List<JsonNode> ofRoom(List<JsonNode> events, String room) {
        return events.stream().filter(event -> event.get("room").asText().equals(room)).toList();
    }
}
