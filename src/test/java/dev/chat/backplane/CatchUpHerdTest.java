package dev.chat.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.message.Post;
import dev.chat.redis.RedisConfig;
import dev.chat.room.Rooms;
import dev.chat.support.Collected;
import dev.chat.support.RedisProfile;
import dev.chat.support.RedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * Every room's channel is lost at once (Redis kills the subscriber connection, as a failover does) while
 * messages keep being stored; when the channels come back, more rooms than the command pool lets wait
 * catch up from history. Each room must still end with every message, once and in order, and the
 * catch-up must stay within its concurrency. {@code CHAT_HERD_ROOMS} changes the number of rooms for a
 * measurement (README "Scale-out").
 */
@QuarkusTest
@TestProfile(CatchUpHerdTest.SlowReconnect.class)
class CatchUpHerdTest {

    private static final int ROOMS = Integer.parseInt(System.getenv().getOrDefault("CHAT_HERD_ROOMS", "1200"));

    public static class SlowReconnect extends RedisProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            // Long enough to store the messages the channels will miss before they are subscribed again.
            config.put("chat.redis.reconnect-interval", "4s");
            return config;
        }
    }

    @Inject
    Rooms rooms;

    @Inject
    Backplane backplane;

    @Inject
    CatchUps catchUps;

    @Inject
    RedisConfig config;

    @Test
    void everyRoomCatchesUpInOrderWithinTheConcurrencyAfterAllChannelsAreLost() throws Exception {
        RedisServer redis = RedisProfile.server();
        String prefix = "herd-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> names = IntStream.range(0, ROOMS).mapToObj(i -> prefix + i).toList();
        List<Collected> members = new ArrayList<>();
        bounded(names, room -> backplane.publish(new Post(room, "alice", "m1", null)).replaceWithVoid());
        for (String room : names) {
            Collected frames = new Collected();
            rooms.listen(room, frames);
            members.add(frames);
        }
        bounded(names, room -> backplane.history(room, null, 1).replaceWithVoid());

        long subscribesBefore = calls(redis, "subscribe");
        assertTrue(redis.command("CLIENT KILL TYPE pubsub").startsWith(":"), "the subscriber connections are cut");
        long cut = System.nanoTime();
        bounded(names, room -> backplane.publish(new Post(room, "alice", "m2", null)).replaceWithVoid());
        bounded(names, room -> backplane.publish(new Post(room, "alice", "m3", null)).replaceWithVoid());
        long stored = System.nanoTime();

        AtomicBoolean sampling = new AtomicBoolean(true);
        List<long[]> samples = new ArrayList<>();
        CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
            while (sampling.get()) {
                samples.add(new long[] { System.nanoTime(), calls(redis, "evalsha"), calls(redis, "subscribe") });
                pause(20);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (members.stream().anyMatch(frames -> frames.seqs().size() < 2) && System.nanoTime() < deadline) {
            pause(50);
        }
        long caughtUp = System.nanoTime();
        sampling.set(false);
        sampler.join();

        long behind = members.stream().filter(frames -> frames.seqs().size() < 2).count();
        assertEquals(0, behind, "rooms that did not catch up (peak concurrent catch-ups " + catchUps.peak() + ")");
        for (int i = 0; i < ROOMS; i++) {
            assertEquals(List.of(2L, 3L), members.get(i).seqs(), names.get(i) + ": each missed message once, in order");
        }
        long resubscribed = samples.stream().filter(sample -> sample[2] > subscribesBefore).mapToLong(sample -> sample[0])
                .findFirst().orElse(stored);
        System.out.printf("herd: %d rooms, concurrency %d, jitter %s: stored the missed messages in %d ms; "
                + "peak concurrent catch-ups %d, peak EVALSHA/s %d, all caught up %d ms after the resubscription%n",
                ROOMS, config.catchUpConcurrency(), config.catchUpJitter(), (stored - cut) / 1_000_000, catchUps.peak(),
                peakPerSecond(samples), (caughtUp - resubscribed) / 1_000_000);
        assertTrue(catchUps.peak() <= config.catchUpConcurrency(), "at most the configured catch-ups at once: " + catchUps.peak());
    }

    /** The largest number of EVALSHA calls Redis ran within any 100 ms, per second. */
    private static long peakPerSecond(List<long[]> samples) {
        long peak = 0;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size() && samples.get(j)[0] - samples.get(i)[0] <= 100_000_000L; j++) {
                peak = Math.max(peak, (samples.get(j)[1] - samples.get(i)[1]) * 10);
            }
        }
        return peak;
    }

    /** Runs the work for every room, 16 at a time, as a client pool would. */
    private static void bounded(List<String> names, Function<String, Uni<Void>> work) throws InterruptedException {
        Semaphore permits = new Semaphore(16);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String room : names) {
            permits.acquire();
            all.add(work.apply(room).subscribeAsCompletionStage().whenComplete((ok, failure) -> permits.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static long calls(RedisServer redis, String command) {
        String stats = redis.info("INFO commandstats");
        int at = stats.indexOf("cmdstat_" + command + ":calls=");
        if (at < 0) {
            return 0;
        }
        int from = at + ("cmdstat_" + command + ":calls=").length();
        return Long.parseLong(stats.substring(from, stats.indexOf(',', from)));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
