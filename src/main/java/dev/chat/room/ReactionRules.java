package dev.chat.room;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.backplane.Backplane;
import dev.chat.message.Identity;
import dev.chat.message.RateLimitedException;
import dev.chat.message.Reaction;
import dev.chat.message.RejectedException;
import dev.chat.rules.Emoji;
import dev.chat.rules.ReactionConfig;
import dev.chat.rules.Sender;
import dev.chat.rules.SenderLimits;
import dev.chat.rules.TokenBucket;
import io.smallrye.mutiny.Uni;

/**
 * When a reaction is toggled: the person is the uid in token mode and the display name in open mode, so
 * one user's devices count once; the emoji is one grapheme ({@link Emoji}); and each person has a toggle
 * rate of its own per room ({@code chat.reactions.burst}, {@code per-second}) on top of the message budget
 * every toggle also takes from, so a flood of toggles is refused with {@code rate_limited} while the
 * person's messages still get through.
 */
@ApplicationScoped
public class ReactionRules {

    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final int SWEEP_EVERY = 1024;

    private final Backplane backplane;
    private final SenderLimits senders;
    private final ReactionConfig config;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    ReactionRules(Backplane backplane, SenderLimits senders, ReactionConfig config) {
        this.backplane = backplane;
        this.senders = senders;
        this.config = config;
    }

    /** A connection's member toggles; its message budget was already taken by the transport. */
    public Uni<Map<String, Integer>> react(String room, long seq, String emoji, String name, String uid) {
        try {
            String person = uid != null ? "uid|" + uid : "name|" + name;
            admit(room, person);
            return backplane.react(new Reaction(room, seq, uid != null ? uid : name, Emoji.check(emoji)), config.maxEmoji());
        } catch (RejectedException refused) {
            return Uni.createFrom().failure(refused);
        }
    }

    /**
     * A toggle over plain HTTP: in token mode the token's user reacts and it takes from the user's message
     * budget; in open mode the name given reacts and it takes from the client address's post budget.
     */
    public Uni<Map<String, Integer>> react(JoinRequest sender, long seq, String emoji, Identity identity,
            String clientAddress) {
        senders.admit(identity != null ? Sender.user(identity.uid()) : Sender.address(clientAddress));
        return identity != null ? react(sender.room(), seq, emoji, identity.name(), identity.uid())
                : react(sender.room(), seq, emoji, sender.name(), null);
    }

    private void admit(String room, String person) {
        if (config.perSecond() <= 0) {
            return;
        }
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> now - bucket.usedAt > IDLE_NANOS);
        }
        Bucket bucket = buckets.computeIfAbsent(room + '\n' + person,
                key -> new Bucket(new TokenBucket(config.burst(), config.perSecond())));
        bucket.usedAt = System.nanoTime();
        if (!bucket.tokens.tryTake()) {
            throw new RateLimitedException(bucket.tokens.secondsUntilNext());
        }
    }

    private static final class Bucket {
        final TokenBucket tokens;
        volatile long usedAt;

        Bucket(TokenBucket tokens) {
            this.tokens = tokens;
        }
    }
}
