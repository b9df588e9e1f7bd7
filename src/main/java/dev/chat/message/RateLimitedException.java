package dev.chat.message;

/** Over the rate limit; {@code retryAfterSeconds} says when the next message would be accepted. */
public class RateLimitedException extends RejectedException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(Rejection.RATE_LIMITED, "slow down");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
