package dev.chat.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
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
 * The control feed: one short Redis stream for what concerns every instance rather than one room (today,
 * a moderator disconnecting a user everywhere). Room events never travel here; they go on each room's
 * channel ({@link RoomChannels}), to the instances that hold its members.
 *
 * <p>Each instance reads with a blocking {@code XREAD} on a connection of its own, from the id it last
 * handled, so a reader that loses Redis and comes back carries on where it stopped rather than miss an
 * order given meanwhile. Entries are handed to the handler registered for their {@code kind} one after
 * the other.
 */
@ApplicationScoped
public class RedisFeed {

    public static final String KEY = "chat:control";

    private static final Logger LOG = Logger.getLogger(RedisFeed.class);
    private static final int BATCH = 256;
    private static final int BLOCK_MILLIS = 1000;

    private final Vertx vertx;
    private final RedisConfig config;
    private final RedisTopology topology;
    private final Map<String, Function<FeedEntry, Uni<Void>>> handlers = new ConcurrentHashMap<>();
    private volatile boolean connected;
    private volatile String lastProblem = "not connected yet";
    private volatile boolean stopped;
    private boolean started;
    private Redis client;
    private String lastId;

    RedisFeed(Vertx vertx, RedisConfig config, RedisTopology topology) {
        this.vertx = vertx;
        this.config = config;
        this.topology = topology;
    }

    public void on(String kind, Function<FeedEntry, Uni<Void>> handler) {
        handlers.put(kind, handler);
    }

    public synchronized void start() {
        if (!started) {
            started = true;
            connect();
        }
    }

    /** Whether this instance is reading the control feed right now. */
    public boolean isConnected() {
        return connected;
    }

    /** Why the feed is not connected, or the last reason it was lost. */
    public String lastProblem() {
        return lastProblem;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        topology.nodeOf(KEY).subscribe().with(this::connect, failure -> {
            topology.forget();
            lastProblem = String.valueOf(failure.getMessage());
            vertx.setTimer(config.reconnectInterval().toMillis(), timer -> connect());
        });
    }

    private void connect(String node) {
        Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(node).setMaxPoolSize(1)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2));
        client = redis;
        redis.connect()
                .ifNoItem().after(config.timeout()).fail()
                .call(this::position)
                .subscribe().with(connection -> {
                    if (!connected) {
                        LOG.infof("reading the control feed from %s after %s", lastId, lastProblem);
                    }
                    connected = true;
                    read(redis, connection);
                }, failure -> lost(redis, failure));
    }

    /**
     * Where to read from: the end of the feed on the first connection; after a reconnection, where this
     * instance stopped, unless the feed was lost with its server and started over below that point.
     */
    private Uni<Void> position(RedisConnection connection) {
        return connection.send(Request.cmd(Command.XREVRANGE).arg(KEY).arg("+").arg("-").arg("COUNT").arg(1))
                .map(last -> last == null || last.size() == 0 ? "0-0" : last.get(0).get(0).toString())
                .invoke(newest -> {
                    if (lastId == null) {
                        lastId = newest;
                    } else if (StreamIds.compare(newest, lastId) < 0) {
                        lastId = "0-0";
                    }
                })
                .replaceWithVoid();
    }

    private void read(Redis redis, RedisConnection connection) {
        if (stopped) {
            return;
        }
        connection.send(Request.cmd(Command.XREAD).arg("COUNT").arg(BATCH).arg("BLOCK").arg(BLOCK_MILLIS)
                .arg("STREAMS").arg(KEY).arg(lastId))
                .ifNoItem().after(config.timeout().plusMillis(BLOCK_MILLIS)).fail()
                .flatMap(response -> handle(entries(response)))
                .subscribe().with(done -> read(redis, connection), failure -> lost(redis, failure));
    }

    private Uni<Void> handle(List<FeedEntry> entries) {
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> dispatch(entry).invoke(() -> lastId = entry.id()))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> dispatch(FeedEntry entry) {
        Function<FeedEntry, Uni<Void>> handler = handlers.get(entry.kind());
        return handler == null ? Uni.createFrom().voidItem() : handler.apply(entry);
    }

    private void lost(Redis redis, Throwable failure) {
        if (connected) {
            LOG.warnf("lost the control feed: %s; reconnecting every %s", failure, config.reconnectInterval());
        }
        connected = false;
        topology.forget();
        lastProblem = String.valueOf(failure.getMessage());
        redis.close();
        if (!stopped) {
            vertx.setTimer(config.reconnectInterval().toMillis(), timer -> connect());
        }
    }

    /** RESP2 {@code XREAD}: null when nothing came, else [[key, [[id, [field, value, ...]], ...]]]. */
    private static List<FeedEntry> entries(Response response) {
        if (response == null || response.size() == 0) {
            return List.of();
        }
        Response stream = response.get(0).get(1);
        List<FeedEntry> entries = new ArrayList<>(stream.size());
        for (Response entry : stream) {
            Response pairs = entry.get(1);
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
            }
            entries.add(new FeedEntry(entry.get(0).toString(), fields));
        }
        return entries;
    }

    @PreDestroy
    void stop() {
        stopped = true;
        Redis redis = client;
        if (redis != null) {
            redis.close();
        }
    }
}
