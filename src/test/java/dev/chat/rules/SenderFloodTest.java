package dev.chat.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.chat.support.Http;
import dev.chat.support.RawHttp;
import dev.chat.support.Urls;
import dev.chat.support.WhatUsersFeel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The attack that took the service down: one anonymous address posting 2,000-character texts into 300
 * rooms, 64 requests in flight, a new name in every request. All its posts share the address's one
 * bucket, forwarding headers from a peer that is not a trusted proxy change nothing, and everyone else
 * keeps chatting.
 */
@QuarkusTest
@TestProfile(SenderFloodTest.ShippedLimits.class)
class SenderFloodTest {

    static final int BURST = 100;
    static final int PER_SECOND = 20;
    static final String TRUSTED_PROXY = "127.0.0.7";
    private static final String TEXT = "x".repeat(2000);

    public static class ShippedLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.rate-limit.address-burst", String.valueOf(BURST),
                    "chat.rate-limit.address-per-second", String.valueOf(PER_SECOND),
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", TRUSTED_PROXY);
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aRotatingNameFloodFromOneAddressTakesFromOneBucketWhileOthersChat() throws Exception {
        try (WhatUsersFeel feel = WhatUsersFeel.watch(base)) {
            Semaphore inFlight = new Semaphore(64);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger withoutRetryAfter = new AtomicInteger();
            List<CompletableFuture<?>> posts = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; System.nanoTime() - started < Duration.ofSeconds(6).toNanos(); i++) {
                inFlight.acquire();
                HttpRequest post = HttpRequest.newBuilder(Urls.http(base, "/api/rooms/fill" + (i % 300) + "/messages"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Http.json(Map.of("name", "n" + i, "text", TEXT))))
                        .timeout(Duration.ofSeconds(30)).build();
                posts.add(Http.CLIENT.sendAsync(post, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    inFlight.release();
                    if (response != null && response.statusCode() == 201) {
                        accepted.incrementAndGet();
                    } else if (response != null && response.statusCode() == 429) {
                        refused.incrementAndGet();
                        if (response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L) < 1) {
                            withoutRetryAfter.incrementAndGet();
                        }
                    }
                }));
            }
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - started) / 1e9;

            assertTrue(accepted.get() <= BURST + PER_SECOND * seconds + PER_SECOND,
                    accepted + " posts accepted in " + seconds + " s, beyond one bucket");
            assertTrue(refused.get() > accepted.get(), "the flood was refused: " + refused + " refused, " + accepted + " accepted");
            assertEquals(0, withoutRetryAfter.get(), "every 429 says when to come back");
            try (RawHttp other = RawHttp.open(base, "127.0.0.2")) {
                assertEquals(201, other.postJson("/api/rooms/fill0/messages", "{\"name\":\"n1\",\"text\":\"hi\"}", Map.of()).status(),
                        "another address has a bucket of its own");
            }
            feel.assertUnharmed();
        }
    }

    @Test
    void forwardingHeadersFromAPeerThatIsNoTrustedProxyChangeNothing() {
        int accepted = 0;
        int refused = 0;
        long started = System.nanoTime();
        try (RawHttp spoofer = RawHttp.open(base, "127.0.0.3")) {
            for (int i = 0; i < 10 * BURST && refused < 10; i++) {
                String forged = "10.9." + (i / 250) + "." + (i % 250);
                int status = spoofer.postJson("/api/rooms/spoofed/messages", "{\"name\":\"s" + i + "\",\"text\":\"hi\"}",
                        Map.of("X-Forwarded-For", forged, "Forwarded", "for=" + forged, "X-Real-IP", forged)).status();
                if (status == 201) {
                    accepted++;
                } else {
                    assertEquals(429, status);
                    refused++;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(accepted <= BURST + PER_SECOND * seconds + 1, accepted + " accepted in " + seconds + " s");
        assertTrue(refused > 0, "forged addresses did not buy new buckets");
    }

    @Test
    void bodiesLargerThanAnyMessageAreRefusedBeforeTheyAreReadWhileOthersChat() {
        try (WhatUsersFeel feel = WhatUsersFeel.watch(base)) {
            for (int i = 0; i < 50; i++) {
                try (RawHttp bloater = RawHttp.open(base, "127.0.0.4")) {
                    // Only the head: the answer comes without the server waiting for, or holding, the body.
                    bloater.write("POST /api/rooms/bloated/messages HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{\"text\":\"");
                    assertEquals(413, bloater.read().status());
                }
            }
            feel.assertUnharmed();
        }
    }

    @Test
    void aTrustedProxyForwardsEachClientsOwnAddress() {
        try (RawHttp proxy = RawHttp.open(base, TRUSTED_PROXY)) {
            int accepted = 0;
            while (proxy.postJson("/api/rooms/proxied/messages", "{\"text\":\"hi\"}",
                    Map.of("X-Forwarded-For", "10.20.0.1")).status() == 201) {
                accepted++;
                assertTrue(accepted < 10 * BURST, "the forwarded client has a bucket");
            }
            for (int client = 2; client <= 3; client++) {
                assertEquals(201, proxy.postJson("/api/rooms/proxied/messages", "{\"text\":\"hi\"}",
                        Map.of("X-Forwarded-For", "10.20.0." + client)).status(), "client " + client + " has a bucket of its own");
            }
        }
    }
}
