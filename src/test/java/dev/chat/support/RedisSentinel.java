package dev.chat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real Sentinel setup for one test class: a master, its replicas, and {@code redis-server --sentinel}
 * processes watching them under the name {@code mymaster} (one master, one replica, one sentinel unless
 * asked for more). Uses the redis-server of {@link RedisServer}; Sentinel needs no other binary.
 */
public final class RedisSentinel implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";

    private final RedisServer master;
    private final List<RedisServer> replicas;
    private final List<RedisServer> sentinels;

    private RedisSentinel(RedisServer master, List<RedisServer> replicas, List<RedisServer> sentinels) {
        this.master = master;
        this.replicas = new ArrayList<>(replicas);
        this.sentinels = sentinels;
    }

    public static RedisSentinel start() {
        return start(1, 1, 2000);
    }

    /**
     * A master with this many replicas, watched by this many sentinels that agree on a failure by majority
     * and call the master down after {@code downAfterMillis} without an answer.
     */
    public static RedisSentinel start(int replicaCount, int sentinelCount, long downAfterMillis) {
        RedisServer master = RedisServer.start();
        List<RedisServer> replicas = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            replicas.add(replicaOf(master));
        }
        try {
            List<RedisServer> sentinels = new ArrayList<>();
            for (int i = 0; i < sentinelCount; i++) {
                Path config = Files.createTempFile("chat-sentinel", ".conf");
                Files.writeString(config, "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " "
                        + (sentinelCount / 2 + 1) + "\n"
                        + "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfterMillis + "\n"
                        + "sentinel failover-timeout " + MASTER_NAME + " 10000\n");
                sentinels.add(RedisServer.startSentinel(config));
            }
            long deadline = System.currentTimeMillis() + 15_000;
            while (!sentinels.stream().allMatch(sentinel -> sentinel.info("INFO sentinel")
                    .contains("status=ok,address=127.0.0.1:" + master.port() + ",slaves=" + replicaCount
                            + ",sentinels=" + sentinelCount))
                    || !master.info("INFO replication").contains("connected_slaves:" + replicaCount)
                    || !replicas.stream().allMatch(replica -> replica.info("INFO replication").contains("master_link_status:up"))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Sentinel or the replicas did not come up: "
                            + sentinels.get(0).info("INFO sentinel"));
                }
                Thread.sleep(100);
            }
            return new RedisSentinel(master, replicas, sentinels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new, empty replica of {@code master}, as a restarted pod rejoins. */
    public RedisServer addReplicaOf(RedisServer master) {
        RedisServer replica = replicaOf(master);
        replicas.add(replica);
        return replica;
    }

    private static RedisServer replicaOf(RedisServer master) {
        return RedisServer.startWith(List.of("--save", "", "--appendonly", "no",
                "--replicaof", "127.0.0.1", String.valueOf(master.port())));
    }

    /** The server the sentinels name as master right now, once they all agree; null while they do not. */
    public RedisServer namedMaster() {
        Set<String> named = new HashSet<>();
        for (RedisServer sentinel : sentinels) {
            String info = sentinel.info("INFO sentinel");
            int at = info.indexOf("address=127.0.0.1:");
            if (at < 0) {
                return null;
            }
            named.add(info.substring(at + "address=127.0.0.1:".length(), info.indexOf(',', at)));
        }
        if (named.size() != 1) {
            return null;
        }
        int port = Integer.parseInt(named.iterator().next());
        return Stream.concat(Stream.of(master), replicas.stream())
                .filter(server -> server.port() == port).findFirst().orElse(null);
    }

    /** For {@code quarkus.redis.hosts}: the sentinels. */
    public String hosts() {
        return String.join(",", sentinels.stream().map(RedisServer::uri).toList());
    }

    public RedisServer master() {
        return master;
    }

    @Override
    public void close() {
        sentinels.forEach(RedisServer::close);
        replicas.forEach(RedisServer::close);
        master.close();
    }
}
