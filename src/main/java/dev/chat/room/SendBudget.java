package dev.chat.room;

import java.util.function.BooleanSupplier;

import dev.chat.message.Identity;
import dev.chat.rules.RateLimitConfig;
import dev.chat.rules.Sender;
import dev.chat.rules.SenderLimits;
import dev.chat.rules.TokenBucket;

/**
 * What one connection may still send, and how often it went over lately: its own bucket in open mode, its
 * user's in token mode, shared by all the user's connections and posts.
 */
final class SendBudget {

    private static final long ABUSE_WINDOW_NANOS = 10_000_000_000L;

    private final BooleanSupplier take;
    private int refusedLately;
    private long windowStart = System.nanoTime();

    private SendBudget(BooleanSupplier take) {
        this.take = take;
    }

    static SendBudget of(Identity identity, RateLimitConfig config, SenderLimits senders) {
        if (identity != null) {
            Sender user = Sender.user(identity.uid());
            return new SendBudget(() -> senders.tryTake(user));
        }
        TokenBucket bucket = TokenBucket.from(config);
        return new SendBudget(bucket == null ? () -> true : bucket::tryTake);
    }

    /** Takes one; false means over the limit, counted towards {@link #refusedLately}. */
    synchronized boolean tryTake() {
        if (take.getAsBoolean()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - windowStart > ABUSE_WINDOW_NANOS) {
            windowStart = now;
            refusedLately = 0;
        }
        refusedLately++;
        return false;
    }

    /** Refusals in the current ten-second window. */
    synchronized int refusedLately() {
        return refusedLately;
    }
}
