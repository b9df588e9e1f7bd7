package dev.chat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters with a replica each, on loopback ports, for one test class: six
 * {@code redis-server --cluster-enabled yes} processes joined by {@code redis-cli --cluster create}. The
 * binaries are the ones on PATH, or beside {@code CHAT_TEST_REDIS_SERVER}; {@code .ci/run} installs them.
 * A short node timeout makes a replica take over a killed master within a few seconds.
 *
 * <p>Sharded pub/sub needs Redis 7, which the embedded test jar does not ship: on a machine without
 * Redis 7 and redis-cli the Cluster tests are skipped, unless {@code CHAT_TEST_REDIS_CLUSTER=required}
 * (as {@code .ci/run} sets it) makes that a failure.
 */
public final class RedisCluster implements AutoCloseable {

    public static final int NODE_TIMEOUT_MILLIS = 2000;

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    public static RedisCluster start() {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Path dir = Files.createTempDirectory("chat-redis-cluster");
                nodes.add(RedisServer.startWith(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                        "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MILLIS),
                        // As k8s/redis-cluster/ runs it: the other masters serve on while one shard fails over,
                        // and a master without a replica refuses writes rather than store what WAIT cannot confirm.
                        "--cluster-require-full-coverage", "no", "--min-replicas-to-write", "1",
                        // A master that comes back as a replica syncs at once rather than wait 5 s for company.
                        "--repl-diskless-sync-delay", "0",
                        "--save", "", "--appendonly", "no", "--dir", dir.toString())));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.create();
            return cluster;
        } catch (IOException e) {
            nodes.forEach(RedisServer::close);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of(redisCli().toString(), "--cluster", "create"));
        nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(command);
        long deadline = System.currentTimeMillis() + 30_000;
        // Up once every node sees every slot served and every replica has synced with its master.
        while (!nodes.stream().allMatch(node -> node.info("CLUSTER INFO").contains("cluster_state:ok"))
                || masters().size() != 3
                || !masters().stream().allMatch(master -> master.info("INFO replication").contains("connected_slaves:1"))
                || !nodes.stream().filter(node -> node.info("INFO replication").contains("role:slave"))
                        .allMatch(replica -> replica.info("INFO replication").contains("master_link_status:up"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the cluster did not come up: " + nodes.get(0).info("CLUSTER INFO"));
            }
            sleep(100);
        }
    }

    /** The seed list for {@code quarkus.redis.hosts}: every node. */
    public String hosts() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** The node that is master of the slot now, as its live nodes see it. */
    public RedisServer masterOf(int slot) {
        for (RedisServer node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            for (String line : node.info("CLUSTER NODES").split("\n")) {
                String[] fields = line.trim().split(" ");
                if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                    continue;
                }
                for (int i = 8; i < fields.length; i++) {
                    String[] range = fields[i].split("-");
                    if (range[0].startsWith("[")) {
                        continue;
                    }
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (slot >= from && slot <= to) {
                        int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1).split("[@,]")[0]);
                        return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
                    }
                }
            }
            return null;
        }
        return null;
    }

    /** Masters now, as the first live node sees them. */
    public List<RedisServer> masters() {
        List<RedisServer> masters = new ArrayList<>();
        for (RedisServer node : nodes) {
            if (node.isRunning()) {
                for (String line : node.info("CLUSTER NODES").split("\n")) {
                    String[] fields = line.trim().split(" ");
                    if (fields.length >= 9 && fields[2].contains("master") && !fields[2].contains("fail")) {
                        int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1).split("[@,]")[0]);
                        nodes.stream().filter(n -> n.port() == port).findFirst().ifPresent(masters::add);
                    }
                }
                return masters;
            }
        }
        return masters;
    }

    /** The slot Redis itself computes for the key. */
    public int slotOf(String key) {
        RedisServer node = nodes.stream().filter(RedisServer::isRunning).findFirst().orElseThrow();
        return Integer.parseInt(node.command("CLUSTER KEYSLOT " + key).substring(1));
    }

    /** Waits until a live node other than {@code killed} is master of the slot: the replica took over. */
    public RedisServer awaitFailover(int slot, RedisServer killed, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            RedisServer master = masterOf(slot);
            if (master != null && master != killed && master.info("INFO replication").contains("role:master")) {
                return master;
            }
            sleep(100);
        }
        throw new IllegalStateException("no replica took over slot " + slot);
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    /** For {@code @EnabledIf}: whether this machine can run a Redis 7 Cluster. */
    public static boolean available() {
        String why = missing();
        if (why != null && "required".equals(System.getenv("CHAT_TEST_REDIS_CLUSTER"))) {
            throw new IllegalStateException("CHAT_TEST_REDIS_CLUSTER=required, but " + why);
        }
        return why == null;
    }

    private static String missing() {
        try {
            redisCli();
            Process version = new ProcessBuilder(RedisServer.binary().toString(), "--version").redirectErrorStream(true).start();
            String answer = new String(version.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            version.waitFor(10, TimeUnit.SECONDS);
            java.util.regex.Matcher v = java.util.regex.Pattern.compile("v=(\\d+)\\.").matcher(answer);
            if (!v.find() || Integer.parseInt(v.group(1)) < 7) {
                return "the Redis Cluster tests need redis-server 7 or newer, found: " + answer.trim();
            }
            return null;
        } catch (IllegalStateException | IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static Path redisCli() {
        Path server = RedisServer.binary();
        Path beside = server.resolveSibling("redis-cli");
        if (Files.isExecutable(beside)) {
            return beside;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-cli");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the Redis Cluster tests need redis-cli on PATH (Debian: apt-get install redis-tools)");
    }

    private static void run(List<String> command) {
        try {
            Path log = Files.createTempFile("redis-cli", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
