package dev.chat.redis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;

/**
 * One subscriber connection to one Redis node, carrying the channels of the rooms that node serves.
 *
 * <p>A room's events are handled strictly one after the other, the next only when the previous has
 * completed, so they, and the catch-up queued between them, keep their order even when one of them has
 * to read history first; rooms do not wait for each other. A subscription counts from Redis'
 * confirmation, not from the request.
 */
final class ChannelLink {

    interface Listener {
        Uni<Void> event(ChannelLink link, String room, String payload);

        /** Redis confirmed the room's subscription; runs before any of the room's events received after it. */
        Uni<Void> subscribed(ChannelLink link, String room);

        /** Redis ended a subscription this instance did not end, as it does when a slot moves to another node. */
        void dropped(ChannelLink link, String room);

        void lost(ChannelLink link, Throwable failure);
    }

    private final String node;
    private final PubSub pubSub;
    private final Listener listener;
    private final Duration timeout;
    private final Map<String, CompletableFuture<Void>> confirming = new ConcurrentHashMap<>();
    private final Set<String> leaving = new HashSet<>();
    private final Map<String, RoomQueue> queues = new HashMap<>();
    private final AtomicBoolean lost = new AtomicBoolean();
    private Redis client;
    private RedisConnection connection;

    private ChannelLink(String node, PubSub pubSub, Listener listener, Duration timeout) {
        this.node = node;
        this.pubSub = pubSub;
        this.listener = listener;
        this.timeout = timeout;
    }

    static Uni<ChannelLink> open(Vertx vertx, String node, PubSub pubSub, Listener listener, Duration timeout) {
        ChannelLink link = new ChannelLink(node, pubSub, listener, timeout);
        link.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(node).setMaxPoolSize(1)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2));
        return link.client.connect()
                .ifNoItem().after(timeout).fail()
                .onFailure().invoke(failure -> link.client.close())
                .map(connection -> {
                    link.connection = connection;
                    connection.handler(link::received);
                    connection.exceptionHandler(link::fail);
                    connection.endHandler(() -> link.fail(new IllegalStateException("connection to " + node + " closed")));
                    return link;
                });
    }

    String node() {
        return node;
    }

    boolean isLost() {
        return lost.get();
    }

    Uni<Void> subscribe(String room) {
        String channel = RoomKeys.channel(room);
        CompletableFuture<Void> confirmed = confirming.computeIfAbsent(channel, key -> new CompletableFuture<>());
        if (lost.get()) {
            confirmed.completeExceptionally(new IllegalStateException("connection to " + node + " lost"));
        }
        return connection.send(Request.cmd(pubSub.subscribe).arg(channel))
                .flatMap(sent -> Uni.createFrom().completionStage(confirmed))
                .ifNoItem().after(timeout).fail()
                .replaceWithVoid();
    }

    void unsubscribe(String room) {
        String channel = RoomKeys.channel(room);
        synchronized (leaving) {
            leaving.add(channel);
        }
        connection.send(Request.cmd(pubSub.unsubscribe).arg(channel)).subscribe().with(sent -> {
        }, this::fail);
    }

    /** Runs the task after everything of the room already received, and before anything received later. */
    void enqueue(String room, Supplier<Uni<Void>> task) {
        RoomQueue queue;
        synchronized (queues) {
            queue = queues.computeIfAbsent(room, key -> new RoomQueue());
            queue.tasks.add(task);
        }
        drain(room, queue);
    }

    void close() {
        lost.set(true);
        client.close();
    }

    private void received(Response reply) {
        if (reply == null || reply.size() < 3) {
            return;
        }
        String type = reply.get(0).toString();
        String channel = reply.get(1).toString();
        if (type.equals(pubSub.message)) {
            String payload = reply.get(2).toString();
            String room = RoomKeys.roomOf(channel);
            enqueue(room, () -> listener.event(this, room, payload));
        } else if (type.equals(pubSub.subscribed)) {
            CompletableFuture<Void> confirmed = confirming.remove(channel);
            if (confirmed != null) {
                confirmed.complete(null);
            }
            String room = RoomKeys.roomOf(channel);
            enqueue(room, () -> listener.subscribed(this, room));
        } else if (type.equals(pubSub.unsubscribed)) {
            boolean ours;
            synchronized (leaving) {
                ours = leaving.remove(channel);
            }
            if (!ours) {
                listener.dropped(this, RoomKeys.roomOf(channel));
            }
        }
    }

    private void drain(String room, RoomQueue queue) {
        while (true) {
            Supplier<Uni<Void>> next;
            synchronized (queues) {
                if (queue.busy) {
                    return;
                }
                next = queue.tasks.poll();
                if (next == null) {
                    queues.remove(room, queue);
                    return;
                }
                queue.busy = true;
            }
            CompletableFuture<Void> done = run(next);
            if (!done.isDone()) {
                done.whenComplete((ok, failure) -> {
                    synchronized (queues) {
                        queue.busy = false;
                    }
                    drain(room, queue);
                });
                return;
            }
            synchronized (queues) {
                queue.busy = false;
            }
        }
    }

    private static CompletableFuture<Void> run(Supplier<Uni<Void>> task) {
        try {
            return task.get().onFailure().recoverWithNull().subscribeAsCompletionStage();
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** What is waiting to be handled for one room; gone once it is empty. */
    private static final class RoomQueue {
        final ArrayDeque<Supplier<Uni<Void>>> tasks = new ArrayDeque<>();
        boolean busy;
    }

    private void fail(Throwable failure) {
        if (!lost.compareAndSet(false, true)) {
            return;
        }
        confirming.values().forEach(pending -> pending.completeExceptionally(failure));
        confirming.clear();
        client.close();
        listener.lost(this, failure);
    }
}
