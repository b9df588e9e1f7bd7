package dev.chat.redis;

import io.smallrye.mutiny.Uni;

/** One Redis serves every key. */
final class StandaloneTopology implements RedisTopology {

    private final String node;

    StandaloneTopology(String node) {
        this.node = node;
    }

    @Override
    public Uni<String> nodeOf(String key) {
        return Uni.createFrom().item(node);
    }

    @Override
    public void forget() {
    }

    @Override
    public PubSub pubSub() {
        return PubSub.PLAIN;
    }
}
