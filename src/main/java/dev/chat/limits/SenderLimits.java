package dev.chat.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.RateLimitedException;

/**
 * Rate limits for senders that have no connection to hang a bucket on (HTTP posts), keyed by client
 * address and name. Buckets idle for a minute are full again, so they are forgotten.
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
        if (!config.enabled()) {
            return;
        }
        Entry entry = entry(sender);
        if (!entry.bucket.tryTake()) {
            throw new RateLimitedException(entry.bucket.secondsUntilNext());
        }
    }

    /** Takes a token for {@code sender}; false means over the limit. One sender may send over many connections. */
    public boolean tryTake(String sender) {
        return !config.enabled() || entry(sender).bucket.tryTake();
    }

    private Entry entry(String sender) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        Entry entry = buckets.computeIfAbsent(sender, key -> new Entry(new TokenBucket(config.burst(), config.perSecond())));
        entry.usedAt = System.nanoTime();
        return entry;
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
