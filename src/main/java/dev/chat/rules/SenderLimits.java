package dev.chat.rules;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.RateLimitedException;

/**
 * Rate limits for senders that have no connection to hang a bucket on: a user over all its connections
 * and posts ({@code chat.rate-limit.burst}, {@code per-second}), or an anonymous client address
 * ({@code chat.rate-limit.address-*}). Buckets idle for a minute are full again, so they are forgotten.
 * A user's bucket is the one {@link UserBuckets} keeps: with Redis, the cluster's.
 */
@ApplicationScoped
public class SenderLimits {

    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int SWEEP_EVERY = 1024;

    private final RateLimitConfig config;
    private final UserBuckets users;
    private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    SenderLimits(RateLimitConfig config, UserBuckets users) {
        this.config = config;
        this.users = users;
    }

    /** Takes a token for {@code sender}, or throws {@link RejectedException} with the seconds to wait. */
    public void admit(Sender sender) {
        if (!enabled(sender)) {
            return;
        }
        Entry entry = entry(sender);
        if (!entry.bucket.tryTake()) {
            throw new RateLimitedException(entry.bucket.secondsUntilNext());
        }
    }

    /** Takes a token for {@code sender}; false means over the limit. One sender may send over many connections. */
    public boolean tryTake(Sender sender) {
        return !enabled(sender) || entry(sender).bucket.tryTake();
    }

    private boolean enabled(Sender sender) {
        return sender.isAddress() ? config.addressEnabled() : config.enabled();
    }

    private Entry entry(Sender sender) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        Entry entry = buckets.computeIfAbsent(sender.key(), key -> new Entry(sender.isAddress()
                ? new TokenBucket(config.addressBurst(), config.addressPerSecond())
                : users.bucket(sender.uid(), config.burst(), config.perSecond())));
        entry.usedAt = System.nanoTime();
        return entry;
    }

    private void sweep() {
        long now = System.nanoTime();
        buckets.values().removeIf(entry -> now - entry.usedAt > IDLE_NANOS);
    }

    private static final class Entry {
        final RateBucket bucket;
        volatile long usedAt;

        Entry(RateBucket bucket) {
            this.bucket = bucket;
        }
    }
}
