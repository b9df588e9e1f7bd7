package dev.chat.rules;

/** What a sender may still send: {@link TokenBucket} on one instance, or a bucket the cluster shares. */
public interface RateBucket {

    /** Takes one token; false means over the limit. */
    boolean tryTake();

    /** Seconds until the next message would be allowed, rounded up, for {@code Retry-After}. */
    long secondsUntilNext();
}
