package dev.chat.rules;

/**
 * Where a user's message bucket is kept: on this instance with the memory backplane, shared by every
 * instance with Redis. Either way it allows {@code burst} messages at once and {@code perSecond} after that.
 */
public interface UserBuckets {

    RateBucket bucket(String uid, int burst, double perSecond);
}
