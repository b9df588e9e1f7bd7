package dev.chat.backplane;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.redis.RedisConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Paces the catch-ups that follow a lost and found channel. A failover or a Redis restart drops every
 * room at once, so every instance would read every room's history at the same moment: thousands of
 * reads queued on a pool of a few connections, past its waiting limit, and a catch-up that fails leaves
 * its room behind until its next message. Each catch-up starts after a random delay of up to
 * {@code chat.redis.catch-up-jitter}, which spreads instances apart, and at most
 * {@code chat.redis.catch-up-concurrency} run at once on this instance.
 */
@ApplicationScoped
class CatchUps {

    private final int concurrency;
    private final long jitterMillis;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    CatchUps(RedisConfig config, MeterRegistry registry) {
        this.concurrency = Math.max(1, config.catchUpConcurrency());
        this.jitterMillis = config.catchUpJitter().toMillis();
        Gauge.builder("chat.backplane.catch-ups", pending, AtomicInteger::get)
                .description("Rooms waiting for or reading history after their channel came back")
                .register(registry);
    }

    /** Runs the catch-up after its jitter, once fewer than the allowed number are running. */
    Uni<Void> paced(Supplier<Uni<Void>> catchUp) {
        pending.incrementAndGet();
        long delay = jitterMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1);
        Uni<Void> afterJitter = delay == 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delay));
        return afterJitter.flatMap(ready -> Uni.createFrom().<Void>emitter(done -> {
            waiting.add(() -> catchUp.get().subscribe().with(ok -> {
                finished();
                done.complete(null);
            }, failure -> {
                finished();
                done.fail(failure);
            }));
            admit();
        }));
    }

    /** The most catch-ups that ran at once so far. */
    int peak() {
        return peak.get();
    }

    private void finished() {
        pending.decrementAndGet();
        running.decrementAndGet();
        admit();
    }

    private void admit() {
        while (!waiting.isEmpty()) {
            int now = running.get();
            if (now >= concurrency) {
                return;
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                running.decrementAndGet();
                continue;
            }
            peak.accumulateAndGet(now + 1, Math::max);
            next.run();
        }
    }
}
