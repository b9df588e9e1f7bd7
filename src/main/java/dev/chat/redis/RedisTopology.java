package dev.chat.redis;

import io.smallrye.mutiny.Uni;

/**
 * Where a key lives: the Redis node to send a room's commands to and to subscribe to its channel on. On a
 * single Redis that is always the same node; behind Sentinel it is whichever node Sentinel names master;
 * on a Redis Cluster it is the master that owns the key's hash slot.
 */
public interface RedisTopology {

    /** The node that serves the key, as a connection string ({@code redis://[:password@]host:port}). */
    Uni<String> nodeOf(String key);

    /** A node failed or redirected a command: where keys live is read again at the next use. */
    void forget();

    /** Plain pub/sub on one node; sharded pub/sub on a Cluster, where plain PUBLISH goes to every node. */
    PubSub pubSub();
}
