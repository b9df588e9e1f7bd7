package dev.chat.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.RateLimitedException;

/**
 * Rate limits for senders that have no connection to hang a bucket on (HTTP posts), keyed by whoever
 * the transport says is sending, with {@code chat.rate-limit.address-*}. Buckets idle for a minute are full again, so they are forgotten.
 */
@ApplicationScoped
public class SenderLimits {

    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int SWEEP_EVERY = 1024;

    private final RateLimitConfig config;
    private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    SenderLimits(RateLimitConfig config) {
        this.config = config;
    }

    /** Takes a token for {@code sender}, or throws {@link RejectedException} with the seconds to wait. */
    public void admit(String sender) {
        if (!config.addressEnabled()) {
            return;
        }
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        Entry entry = buckets.computeIfAbsent(sender, key -> new Entry(new TokenBucket(config.addressBurst(), config.addressPerSecond())));
        entry.usedAt = System.nanoTime();
        if (!entry.bucket.tryTake()) {
            throw new RateLimitedException(entry.bucket.secondsUntilNext());
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        buckets.values().removeIf(entry -> now - entry.usedAt > IDLE_NANOS);
    }

    private static final class Entry {
        final TokenBucket bucket;
        volatile long usedAt;

        Entry(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }
}
