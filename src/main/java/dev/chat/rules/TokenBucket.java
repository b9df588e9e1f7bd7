package dev.chat.rules;

/** Allows {@code burst} messages at once and {@code perSecond} on average after that. */
public final class TokenBucket implements RateBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    public TokenBucket(int burst, double perSecond) {
        this.capacity = Math.max(1, burst);
        this.perNano = perSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.refilledAt = System.nanoTime();
    }

    public static TokenBucket from(RateLimitConfig config) {
        return config.enabled() ? new TokenBucket(config.burst(), config.perSecond()) : null;
    }

    @Override
    public synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    @Override
    public synchronized long secondsUntilNext() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1_000_000_000d);
    }

    /**
     * Holds {@code tokens} from now on, as someone who counts more senders than this bucket has seen says;
     * below zero is a debt the refill pays first.
     */
    public synchronized void holdNow(double held) {
        tokens = Math.min(capacity, held);
        refilledAt = System.nanoTime();
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
