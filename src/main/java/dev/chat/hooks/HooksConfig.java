package dev.chat.hooks;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The application's backend in the loop: a publish hook asked before every message is stored, and an
 * events endpoint told what happened. Both are off until their URL is set.
 */
@ConfigMapping(prefix = "chat.hooks")
public interface HooksConfig {

    /** Asked before every message is stored; it may accept, rewrite or refuse the message. */
    Optional<String> publishUrl();

    @WithDefault("2s")
    Duration publishTimeout();

    /** What happens to a message when the hook does not answer, or answers nonsense. */
    @WithDefault("reject")
    OnFailure publishOnFailure();

    /** Receives message, edit, delete, join and leave events, in batches, at least once, in order per room. */
    Optional<String> eventsUrl();

    /** Signs every call with {@code X-Chat-Signature}; unset, calls go unsigned. */
    Optional<String> secret();

    /** Events per POST at most. */
    @WithDefault("100")
    int eventsBatch();

    @WithDefault("5s")
    Duration eventsTimeout();

    /** The first wait after a failed delivery; it doubles with every failure up to {@link #eventsRetryMax}. */
    @WithDefault("500ms")
    Duration eventsRetryMin();

    @WithDefault("60s")
    Duration eventsRetryMax();

    /** Undelivered events kept by the memory backplane; beyond it the oldest are dropped (and counted). */
    @WithDefault("10000")
    int eventsQueueSize();

    /** How long one instance owns a room's delivery (Redis) without renewing it, e.g. after a crash. */
    @WithDefault("15s")
    Duration eventsLease();

    /** The most of an answer body that is read; a longer answer is a failure. */
    @WithDefault("65536")
    int maxAnswerBytes();

    enum OnFailure {
        /** The message is not stored; the sender is told {@code unavailable} and may send it again. */
        REJECT,
        /** The message is stored as sent. */
        ACCEPT
    }
}
