package dev.chat.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.RawHttp;
import dev.chat.support.WhatUsersFeel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * One address holding connections: every kind counts against {@code chat.limits.connections-per-address},
 * past it the address gets 429 with {@code Retry-After} on HTTP and WebSocket upgrades alike, and other
 * addresses keep getting in. Request heads that never finish (slowloris) are cut off.
 */
@QuarkusTest
@TestProfile(ConnectionLimitsTest.SmallLimits.class)
class ConnectionLimitsTest {

    static final int LIMIT = 30;
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(4);
    private static final String UPGRADE = "Connection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.limits.connections-per-address", String.valueOf(LIMIT),
                    "chat.limits.request-head-timeout", HEAD_TIMEOUT.toMillis() + "ms");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    AddressConnections connections;

    /** As a load balancer would: no traffic before the instance is ready, which includes its socket being watched. */
    @BeforeEach
    void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(base, "/q/health/ready").statusCode() == 200);
    }

    @Test
    void theListeningSocketIsWatchedFromTheStartAndReadinessSaysSo() {
        JsonNode checks = Http.body(Http.get(base, "/q/health/ready")).get("checks");
        JsonNode gate = null;
        for (JsonNode check : checks) {
            if ("connection-gate".equals(check.get("name").asText())) {
                gate = check;
            }
        }
        assertNotNull(gate, "readiness reports the connection gate: " + checks);
        assertEquals("UP", gate.get("status").asText());
        try (RawHttp first = RawHttp.open(base, "127.0.0.7")) {
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> connections.of("127.0.0.7") == 1);
        }
    }

    @Test
    void everyKindOfConnectionCountsAndPastTheLimitTheAddressGets429WhileOthersGetIn() {
        String hog = "127.0.0.5";
        List<RawHttp> held = new ArrayList<>();
        try (WhatUsersFeel feel = WhatUsersFeel.watch(base)) {
            for (int i = 0; i < 8; i++) {
                RawHttp socket = RawHttp.open(base, hog);
                socket.write("GET /chat/held" + i + "?name=ws" + i + " HTTP/1.1\r\nHost: localhost\r\n" + UPGRADE + "\r\n");
                held.add(socket);
            }
            for (int i = 0; i < 8; i++) {
                RawHttp stream = RawHttp.open(base, hog);
                stream.write("GET /api/rooms/held/events?name=sse" + i + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
                held.add(stream);
            }
            for (int i = 0; i < 8; i++) {
                RawHttp poll = RawHttp.open(base, hog);
                poll.write("GET /api/rooms/held/messages?since=0&wait=30 HTTP/1.1\r\nHost: localhost\r\n\r\n");
                held.add(poll);
            }
            for (int i = 0; i < 4; i++) {
                RawHttp idle = RawHttp.open(base, hog);
                assertEquals(200, idle.get("/q/health/live", Map.of()).status());
                held.add(idle);
            }
            for (int i = 0; i < 2; i++) {
                RawHttp headless = RawHttp.open(base, hog);
                headless.write("GET /q/health/live HTTP/1.1\r\n");
                held.add(headless);
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connections.of(hog) == LIMIT);

            try (RawHttp over = RawHttp.open(base, hog)) {
                RawHttp.Response refused = over.get("/q/health/live", Map.of());
                assertEquals(429, refused.status());
                assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
                assertTrue(over.closedByServerWithin(Duration.ofSeconds(5)), "the refused connection is closed");
            }
            try (RawHttp over = RawHttp.open(base, hog)) {
                over.write("GET /chat/lobby HTTP/1.1\r\nHost: localhost\r\n" + UPGRADE + "\r\n");
                assertTrue(over.closedByServerWithin(Duration.ofSeconds(5)));
            }
            try (RawHttp over = RawHttp.open(base, hog)) {
                assertEquals(429, over.exchange("GET", "/chat/lobby", Map.of("Connection", "Upgrade", "Upgrade", "websocket",
                        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"), null).status(),
                        "a WebSocket upgrade over the limit is refused before the handshake");
            }

            try (RawHttp other = RawHttp.open(base, "127.0.0.2")) {
                assertEquals(200, other.get("/q/health/live", Map.of()).status(), "another address gets in");
            }
            try (ChatClient alice = ChatClient.join(base, "/chat/limits-others?name=alice")) {
                alice.send("still here");
                alice.awaitText("still here");
            }
            feel.assertUnharmed();
        } finally {
            held.forEach(RawHttp::close);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connections.of(hog) == 0);
        try (RawHttp back = RawHttp.open(base, hog)) {
            assertEquals(200, back.get("/q/health/live", Map.of()).status(), "the address gets in again once it lets go");
        }
    }

    @Test
    void slowRequestHeadsAreCutOffWhileOthersKeepChatting() throws Exception {
        int addresses = 40;
        int each = LIMIT - 5;
        List<RawHttp> slow = new ArrayList<>();
        try (WhatUsersFeel feel = WhatUsersFeel.watch(base)) {
            for (int a = 0; a < addresses; a++) {
                for (int i = 0; i < each; i++) {
                    RawHttp loris = RawHttp.open(base, "127.0.1." + (a + 1));
                    loris.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n");
                    slow.add(loris);
                }
            }
            long started = System.nanoTime();
            // One more header line a second each: never idle, never finished.
            while (System.nanoTime() - started < HEAD_TIMEOUT.toNanos() * 2) {
                for (RawHttp loris : slow) {
                    try {
                        loris.write("X-Slow: 1\r\n");
                    } catch (RuntimeException closed) {
                        // cut off already
                    }
                }
                Thread.sleep(500);
            }
            int cut = 0;
            for (RawHttp loris : slow) {
                if (loris.closedByServerWithin(Duration.ofMillis(HEAD_TIMEOUT.toMillis() * 2))) {
                    cut++;
                }
            }
            assertEquals(slow.size(), cut, "every unfinished head was cut off");
            feel.assertUnharmed();
        } finally {
            slow.forEach(RawHttp::close);
        }
    }

    @Test
    void aKeepAliveConnectionGetsAFreshClockAfterEachResponseAndALongPollIsNotCut() {
        try (RawHttp client = RawHttp.open(base, "127.0.0.6")) {
            assertEquals(200, client.get("/q/health/live", Map.of()).status());
            assertFalse(client.closedByServerWithin(HEAD_TIMEOUT.dividedBy(2)), "not cut before its time");
            assertEquals(204, client.get("/api/rooms/long-wait/messages?since=0&wait=" + (HEAD_TIMEOUT.toSeconds() * 2),
                    Map.of()).status(), "a waiting long poll has sent its head and is not cut off");
            assertTrue(client.closedByServerWithin(HEAD_TIMEOUT.multipliedBy(3)), "idle after its response, it is closed");
        }
    }
}
