package dev.chat.redis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Redis Cluster: a key lives on the master that owns its hash slot. The slot map is read with
 * {@code CLUSTER SLOTS} from the first node that answers, the configured seeds first and then every node
 * the last map named, so the map can be read again while a seed is down. After a failure it is read
 * again, which is how a replica promoted by a failover is found.
 */
final class ClusterTopology implements RedisTopology {

    private final Vertx vertx;
    private final List<String> seeds;
    private final NodeAddress address;
    private final Duration timeout;
    private final AtomicReference<Uni<String[]>> slots = new AtomicReference<>();
    private volatile Set<String> lastNodes = Set.of();

    ClusterTopology(Vertx vertx, List<String> seeds, NodeAddress address, Duration timeout) {
        this.vertx = vertx;
        this.seeds = seeds;
        this.address = address;
        this.timeout = timeout;
    }

    @Override
    public Uni<String> nodeOf(String key) {
        int slot = HashSlot.of(key);
        return slots.updateAndGet(current -> current != null ? current : read().memoize().indefinitely())
                .onFailure().invoke(this::forget)
                .flatMap(map -> map[slot] != null ? Uni.createFrom().item(map[slot])
                        : Uni.createFrom().failure(new IllegalStateException("no master owns slot " + slot)));
    }

    @Override
    public void forget() {
        slots.set(null);
    }

    @Override
    public PubSub pubSub() {
        return PubSub.SHARDED;
    }

    private Uni<String[]> read() {
        Set<String> candidates = new LinkedHashSet<>(seeds);
        candidates.addAll(lastNodes);
        return readFrom(new ArrayList<>(candidates), 0);
    }

    private Uni<String[]> readFrom(List<String> candidates, int index) {
        if (index >= candidates.size()) {
            return Uni.createFrom().failure(new IllegalStateException("no cluster node answered CLUSTER SLOTS"));
        }
        String node = candidates.get(index);
        Redis client = Redis.createClient(vertx, node);
        return client.send(Request.cmd(Command.CLUSTER).arg("SLOTS"))
                .ifNoItem().after(timeout).fail()
                .map(answer -> map(answer, URI.create(node).getHost()))
                .eventually(client::close)
                .onFailure().recoverWithUni(() -> readFrom(candidates, index + 1));
    }

    /** Each entry: start slot, end slot, then the master as [host, port, id, ...] and its replicas. */
    private String[] map(Response answer, String askedHost) {
        String[] owners = new String[HashSlot.SLOTS];
        Set<String> nodes = new LinkedHashSet<>();
        for (Response range : answer) {
            Response master = range.get(2);
            String host = master.get(0).toString();
            String node = address.of(host.isEmpty() ? askedHost : host, master.get(1).toLong());
            nodes.add(node);
            for (int slot = range.get(0).toInteger(); slot <= range.get(1).toInteger(); slot++) {
                owners[slot] = node;
            }
            for (int replica = 3; replica < range.size(); replica++) {
                Response other = range.get(replica);
                String otherHost = other.get(0).toString();
                nodes.add(address.of(otherHost.isEmpty() ? askedHost : otherHost, other.get(1).toLong()));
            }
        }
        lastNodes = nodes;
        return owners;
    }
}
