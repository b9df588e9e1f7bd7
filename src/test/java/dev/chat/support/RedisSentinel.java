package dev.chat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Sentinel setup for one test class: a master, its replica, and one {@code redis-server
 * --sentinel} watching them under the name {@code mymaster}. Uses the redis-server of
 * {@link RedisServer}; Sentinel needs no other binary.
 */
public final class RedisSentinel implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";

    private final RedisServer master;
    private final RedisServer replica;
    private final RedisServer sentinel;

    private RedisSentinel(RedisServer master, RedisServer replica, RedisServer sentinel) {
        this.master = master;
        this.replica = replica;
        this.sentinel = sentinel;
    }

    public static RedisSentinel start() {
        RedisServer master = RedisServer.start();
        RedisServer replica = RedisServer.startWith(List.of("--save", "", "--appendonly", "no",
                "--replicaof", "127.0.0.1", String.valueOf(master.port())));
        try {
            Path config = Files.createTempFile("chat-sentinel", ".conf");
            Files.writeString(config, "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 1\n"
                    + "sentinel down-after-milliseconds " + MASTER_NAME + " 2000\n");
            RedisServer sentinel = RedisServer.startSentinel(config);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!sentinel.info("INFO sentinel").contains("status=ok,address=127.0.0.1:" + master.port())
                    || !master.info("INFO replication").contains("connected_slaves:1")
                    || !replica.info("INFO replication").contains("master_link_status:up")) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Sentinel or the replica did not come up: " + sentinel.info("INFO sentinel"));
                }
                Thread.sleep(100);
            }
            return new RedisSentinel(master, replica, sentinel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** For {@code quarkus.redis.hosts}: the sentinel. */
    public String hosts() {
        return sentinel.uri();
    }

    public RedisServer master() {
        return master;
    }

    @Override
    public void close() {
        sentinel.close();
        replica.close();
        master.close();
    }
}
