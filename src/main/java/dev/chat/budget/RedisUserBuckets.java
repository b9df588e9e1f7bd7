package dev.chat.budget;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import dev.chat.rules.RateBucket;
import dev.chat.rules.UserBuckets;
import io.smallrye.mutiny.Uni;

/**
 * Each user's message bucket kept in Redis, {@code chat:user:{uid}:rate}, and spent through a local
 * {@link SharedBucket} on every instance: a message is admitted or refused here at once, and what was spent
 * is charged to Redis after, which answers with the level all instances together left.
 */
@ApplicationScoped
@Typed(RedisUserBuckets.class)
public class RedisUserBuckets implements UserBuckets {

    /**
     * KEYS: the user's bucket. ARGV: tokens spent, burst, per second. Refills by Redis' clock, takes what was
     * spent even below zero (a debt the refill pays first), and answers the level. A bucket left alone long
     * enough to be full again is gone, as if full.
     */
    private static final RedisScript SCRIPT = new RedisScript("""
            local now = redis.call('TIME')
            local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local burst = tonumber(ARGV[2])
            local perMs = tonumber(ARGV[3]) / 1000
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or nowMs
            tokens = math.min(burst, tokens + math.max(0, nowMs - at) * perMs) - tonumber(ARGV[1])
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(nowMs))
            redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
            return tostring(tokens)
            """);

    private final RedisNodes nodes;
    private final Duration timeout;

    RedisUserBuckets(RedisNodes nodes, RedisConfig redis) {
        this.nodes = nodes;
        this.timeout = redis.timeout();
    }

    static String key(String uid) {
        return "chat:user:{" + uid + "}:rate";
    }

    @Override
    public RateBucket bucket(String uid, int burst, double perSecond) {
        List<String> limits = List.of(String.valueOf(burst), String.valueOf(perSecond));
        return new SharedBucket(burst, perSecond, spent -> SCRIPT.run(nodes, List.of(key(uid)),
                List.of(String.valueOf(spent), limits.get(0), limits.get(1)))
                .map(level -> Double.parseDouble(level.toString()))
                .ifNoItem().after(timeout).fail());
    }

    /** Charges tokens spent here to the shared bucket; answers the level it holds after. */
    interface Charge {
        Uni<Double> spent(int tokens);
    }
}
