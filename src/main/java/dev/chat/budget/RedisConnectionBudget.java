package dev.chat.budget;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import dev.chat.auth.AuthConfig;
import dev.chat.redis.RedisConfig;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RedisScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * A user's connections counted across the cluster. {@code chat:user:{uid}:connections} is a sorted set of
 * {@code <instance>|<n>}, one member per connection, scored by when it stops counting (Redis' own clock).
 * An admission is one script: it drops the members whose time is up, counts the rest, and adds one only
 * below the limit, so two instances can never both take the last place. A close removes its member. Every
 * {@code lease / 3} each instance confirms its members for another lease, one script per user it holds, and
 * puts back any Redis lost; a crashed instance's members stop counting within one lease.
 *
 * <p>When Redis does not answer, the instance admits against its own count instead (the memory backplane's
 * limit): a user is never locked out by an outage, and may hold up to the limit on each instance meanwhile.
 */
@ApplicationScoped
@Typed(RedisConnectionBudget.class)
public class RedisConnectionBudget implements ConnectionBudget {

    private static final Logger LOG = Logger.getLogger(RedisConnectionBudget.class);

    /** KEYS: the user's set. ARGV: op (open, confirm, close), limit, lease ms, members... Answers 1 or 0 (full). */
    private static final RedisScript SCRIPT = new RedisScript("""
            local now = redis.call('TIME')
            local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local lease = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
            if ARGV[1] == 'open' then
              if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
                return 0
              end
              redis.call('ZADD', KEYS[1], nowMs + lease, ARGV[4])
            elseif ARGV[1] == 'confirm' then
              for i = 4, #ARGV do
                redis.call('ZADD', KEYS[1], nowMs + lease, ARGV[i])
              end
            else
              redis.call('ZREM', KEYS[1], ARGV[4])
            end
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('PEXPIRE', KEYS[1], lease)
            end
            return 1
            """);

    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong opened = new AtomicLong();
    private final Map<String, Deque<String>> held = new ConcurrentHashMap<>();
    private final RedisNodes nodes;
    private final Vertx vertx;
    private final int perUser;
    private final String limit;
    private final String leaseMillis;
    private final Duration lease;
    private final Duration timeout;
    private long heartbeat = -1;

    RedisConnectionBudget(RedisNodes nodes, Vertx vertx, AuthConfig auth, UserLimitsConfig config,
            RedisConfig redis) {
        this.nodes = nodes;
        this.vertx = vertx;
        this.perUser = auth.connectionsPerUser();
        this.limit = String.valueOf(perUser);
        this.lease = config.lease();
        this.leaseMillis = String.valueOf(lease.toMillis());
        this.timeout = redis.timeout();
    }

    static String key(String uid) {
        return "chat:user:{" + uid + "}:connections";
    }

    @PostConstruct
    void start() {
        heartbeat = vertx.setPeriodic(Math.max(1, lease.toMillis() / 3), tick -> confirmAll());
    }

    @Override
    public Uni<Void> open(String uid) {
        String member = instance + "|" + opened.incrementAndGet();
        return run(uid, "open", List.of(member))
                .map(admitted -> admitted == 1 && keep(uid, member, Integer.MAX_VALUE))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Redis did not answer a connection count, counting on this instance: %s", failure.toString());
                    return keep(uid, member, perUser);
                })
                .flatMap(admitted -> admitted ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(LocalConnectionBudget.refusal(perUser)));
    }

    /** Keeps {@code member} among this instance's, if it holds fewer than {@code below} for the user. */
    private boolean keep(String uid, String member, int below) {
        boolean[] kept = { false };
        held.compute(uid, (user, members) -> {
            Deque<String> now = members == null ? new ArrayDeque<>() : members;
            kept[0] = now.size() < below;
            if (kept[0]) {
                now.add(member);
            }
            return now.isEmpty() ? null : now;
        });
        return kept[0];
    }

    @Override
    public void close(String uid) {
        String[] member = { null };
        held.computeIfPresent(uid, (user, members) -> {
            member[0] = members.poll();
            return members.isEmpty() ? null : members;
        });
        if (member[0] != null) {
            run(uid, "close", List.of(member[0])).subscribe().with(done -> {
            }, failure -> LOG.debugf("Redis did not take a closed connection; it stops counting within %s", lease));
        }
    }

    /** Every user's members here, confirmed for another lease (and put back where Redis lost them). */
    private void confirmAll() {
        held.forEach((uid, members) -> {
            List<String> now = new ArrayList<>();
            held.computeIfPresent(uid, (user, current) -> {
                now.addAll(current);
                return current;
            });
            if (!now.isEmpty()) {
                run(uid, "confirm", now).subscribe().with(done -> {
                }, failure -> LOG.debugf("Redis did not confirm %s's connections: %s", uid, failure.toString()));
            }
        });
    }

    private Uni<Long> run(String uid, String op, List<String> members) {
        List<String> args = new ArrayList<>(List.of(op, limit, leaseMillis));
        args.addAll(members);
        return SCRIPT.run(nodes, List.of(key(uid)), args).map(answer -> answer.toLong())
                .ifNoItem().after(timeout).fail();
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(heartbeat);
    }
}
