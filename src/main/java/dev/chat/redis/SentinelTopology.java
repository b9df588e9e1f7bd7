package dev.chat.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Every key on the master that Sentinel names. The configured hosts are the sentinels; they are asked
 * again after a failure, so a promoted replica is found once Sentinel has promoted it.
 */
final class SentinelTopology implements RedisTopology {

    private final Vertx vertx;
    private final List<String> sentinels;
    private final String masterName;
    private final NodeAddress master;
    private final Duration timeout;
    private final AtomicReference<Uni<String>> known = new AtomicReference<>();

    SentinelTopology(Vertx vertx, List<String> sentinels, String masterName, NodeAddress master, Duration timeout) {
        this.vertx = vertx;
        this.sentinels = sentinels;
        this.masterName = masterName;
        this.master = master;
        this.timeout = timeout;
    }

    @Override
    public Uni<String> nodeOf(String key) {
        return known.updateAndGet(current -> current != null ? current : ask(0).memoize().indefinitely())
                .onFailure().invoke(this::forget);
    }

    @Override
    public void forget() {
        known.set(null);
    }

    @Override
    public PubSub pubSub() {
        return PubSub.PLAIN;
    }

    private Uni<String> ask(int index) {
        if (index >= sentinels.size()) {
            return Uni.createFrom().failure(new IllegalStateException("no sentinel names a master " + masterName));
        }
        Redis sentinel = Redis.createClient(vertx, sentinels.get(index));
        return sentinel.send(Request.cmd(Command.SENTINEL).arg("get-master-addr-by-name").arg(masterName))
                .ifNoItem().after(timeout).fail()
                .map(address -> master.of(address.get(0).toString(), address.get(1).toLong()))
                .eventually(sentinel::close)
                .onFailure().recoverWithUni(() -> ask(index + 1));
    }
}
