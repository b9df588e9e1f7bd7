package dev.chat.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;

/**
 * Sends each command to the node that serves its key, through a pool of connections per node. A command
 * that fails for the node's sake (unreachable, {@code MOVED}, a cluster without its slot) makes the
 * topology read again; one that was only redirected is sent once more, to the node now named.
 */
@ApplicationScoped
public class RedisNodes {

    private final Vertx vertx;
    private final RedisTopology topology;
    private final RedisConfig config;
    private final Map<String, Redis> pools = new ConcurrentHashMap<>();
    private final Map<String, String> replicationIds = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    RedisNodes(Vertx vertx, RedisTopology topology, RedisConfig config) {
        this.vertx = vertx;
        this.topology = topology;
        this.config = config;
    }

    public RedisTopology topology() {
        return topology;
    }

    /** One command to the node of {@code key}. */
    public Uni<Response> send(String key, Request request) {
        return onNodeOf(key, (node, pool) -> pool.send(request));
    }

    /**
     * Several commands one after the other on one connection to the node of {@code key}, e.g. a write then
     * its {@code WAIT}; {@code work} also gets the node's replication id, which changes when a replica is
     * promoted, or a Redis restarts without its data.
     */
    public <T> Uni<T> onConnection(String key, BiFunction<RedisConnection, String, Uni<T>> work) {
        return onNodeOf(key, (node, pool) -> pool.connect().flatMap(connection -> replicationId(node, connection)
                .flatMap(id -> work.apply(connection, id))
                .eventually(connection::close)));
    }

    private Uni<String> replicationId(String node, RedisConnection connection) {
        String known = replicationIds.get(node);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return connection.send(Request.cmd(Command.INFO).arg("replication")).map(info -> {
            String id = field(info.toString(), "master_replid");
            replicationIds.put(node, id);
            return id;
        });
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException("INFO has no " + name);
    }

    private <T> Uni<T> onNodeOf(String key, BiFunction<String, Redis, Uni<T>> work) {
        return attempt(key, work).onFailure(RedisNodes::redirected).recoverWithUni(() -> attempt(key, work));
    }

    private <T> Uni<T> attempt(String key, BiFunction<String, Redis, Uni<T>> work) {
        return topology.nodeOf(key)
                .flatMap(node -> work.apply(node, pool(node)).onFailure().invoke(failure -> failed(node, failure)));
    }

    private void failed(String node, Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (!answeredByRedis(message)) {
            // A node that went away may come back as someone else: a restarted Redis, a demoted master.
            replicationIds.remove(node);
        }
        if (redirected(failure) || message.startsWith("CLUSTERDOWN") || !answeredByRedis(message)) {
            topology.forget();
        }
    }

    /** An error the node itself answered, about the command rather than about where its key lives. */
    private static boolean answeredByRedis(String message) {
        return message.startsWith("ERR") || message.startsWith("NOSCRIPT") || message.startsWith("WRONGTYPE")
                || message.startsWith("NOREPLICAS");
    }

    private static boolean redirected(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return message.startsWith("MOVED");
    }

    private Redis pool(String node) {
        if (stopped) {
            throw new IllegalStateException("stopped");
        }
        return pools.computeIfAbsent(node, address -> Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(address)
                .setMaxPoolSize(config.poolSize())
                .setMaxPoolWaiting(1024)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)));
    }

    @PreDestroy
    void stop() {
        stopped = true;
        pools.values().forEach(Redis::close);
    }
}
