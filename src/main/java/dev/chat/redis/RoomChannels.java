package dev.chat.redis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The rooms this instance listens to, each on its own channel, on the node that serves the room: an
 * instance receives a room's events only while it holds members there.
 *
 * <p>{@link #subscribe} completes once Redis has confirmed the subscription, so whatever is read from
 * history after it and whatever arrives live after it overlap rather than leave a gap between them. When
 * a node's connection is lost, or a node stops serving a room, the room is subscribed again, on whichever
 * node serves it by then. After every confirmed subscription the {@link #onSubscribed} hook runs for the
 * room, in line with its events and before those that came after the confirmation: that is where the
 * position to deliver from is read, and what the channel did not carry meanwhile is read from history.
 */
@ApplicationScoped
public class RoomChannels implements ChannelLink.Listener {

    private static final Logger LOG = Logger.getLogger(RoomChannels.class);

    private final Vertx vertx;
    private final RedisTopology topology;
    private final RedisConfig config;
    private final Map<String, Function<RoomEvent, Uni<Void>>> handlers = new ConcurrentHashMap<>();
    /** Rooms wanted, by the subscription (confirmed or under way) that carries them. */
    private final Map<String, Uni<ChannelLink>> rooms = new HashMap<>();
    /** Rooms wanted whose subscription was lost, waiting to be subscribed again. */
    private final Set<String> orphans = new HashSet<>();
    /** The link each subscribed room's subscription went out on. */
    private final Map<String, ChannelLink> carriedBy = new HashMap<>();
    private final Map<String, Uni<ChannelLink>> links = new HashMap<>();
    private final Map<String, ChannelLink> openLinks = new HashMap<>();
    private volatile Function<String, Uni<Void>> subscribed = room -> Uni.createFrom().voidItem();
    private volatile String lastProblem = "not connected yet";
    private boolean retrying;
    private volatile boolean stopped;

    RoomChannels(Vertx vertx, RedisTopology topology, RedisConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.topology = topology;
        this.config = config;
        Gauge.builder("chat.backplane.rooms", this, RoomChannels::size)
                .description("Rooms this instance is subscribed to on the backplane")
                .register(registry);
    }

    public void on(String kind, Function<RoomEvent, Uni<Void>> handler) {
        handlers.put(kind, handler);
    }

    public void onSubscribed(Function<String, Uni<Void>> hook) {
        this.subscribed = hook;
    }

    public PubSub pubSub() {
        return topology.pubSub();
    }

    /** Listens to the room from now on; completes once Redis has confirmed it. */
    public synchronized Uni<Void> subscribe(String room) {
        Uni<ChannelLink> subscribed = rooms.get(room);
        if (subscribed == null) {
            orphans.remove(room);
            subscribed = subscribeOnNode(room);
            rooms.put(room, subscribed);
        }
        Uni<ChannelLink> attempt = subscribed;
        return attempt.onFailure().invoke(failure -> forgetFailed(room, attempt)).replaceWithVoid();
    }

    /** Stops listening to the room, if {@code idle} still says nobody here needs it. */
    public synchronized void unsubscribe(String room, BooleanSupplier idle) {
        if (!idle.getAsBoolean()) {
            return;
        }
        orphans.remove(room);
        carriedBy.remove(room);
        Uni<ChannelLink> subscribed = rooms.remove(room);
        if (subscribed != null) {
            subscribed.subscribe().with(link -> {
                if (!link.isLost()) {
                    link.unsubscribe(room);
                }
            }, failure -> {
            });
        }
    }

    /** Rooms this instance listens to. */
    public synchronized int size() {
        return rooms.size() + orphans.size();
    }

    /** False while some room's subscription is lost and not yet back. */
    public synchronized boolean isConnected() {
        return orphans.isEmpty();
    }

    public String lastProblem() {
        return lastProblem;
    }

    private Uni<ChannelLink> subscribeOnNode(String room) {
        return topology.nodeOf(RoomKeys.channel(room))
                .flatMap(this::link)
                .invoke(link -> carried(room, link))
                .call(link -> link.subscribe(room))
                .memoize().indefinitely();
    }

    /** Only while the room is still wanted: one left meanwhile is not to be subscribed again after a loss. */
    private synchronized void carried(String room, ChannelLink link) {
        if (rooms.containsKey(room)) {
            carriedBy.put(room, link);
        }
    }

    /** A room still wanted is tried again with the orphans, or a failure while Redis is away would drop it for good. */
    private synchronized void forgetFailed(String room, Uni<ChannelLink> attempt) {
        if (rooms.remove(room, attempt)) {
            carriedBy.remove(room);
            orphans.add(room);
            retrySoon();
        }
    }

    private synchronized Uni<ChannelLink> link(String node) {
        Uni<ChannelLink> link = links.get(node);
        if (link == null) {
            link = ChannelLink.open(vertx, node, topology.pubSub(), this, config.timeout())
                    .invoke(this::opened).memoize().indefinitely();
            links.put(node, link);
            Uni<ChannelLink> opening = link;
            return opening.onFailure().invoke(failure -> forgetLink(node, opening));
        }
        return link;
    }

    private synchronized void opened(ChannelLink link) {
        openLinks.put(link.node(), link);
    }

    private synchronized void forgetLink(String node, Uni<ChannelLink> link) {
        links.remove(node, link);
        topology.forget();
    }

    @Override
    public Uni<Void> event(ChannelLink link, String room, String payload) {
        RoomEvent event = RoomEvent.parse(room, payload);
        Function<RoomEvent, Uni<Void>> handler = handlers.get(event.kind());
        return handler == null ? Uni.createFrom().voidItem() : handler.apply(event);
    }

    @Override
    public Uni<Void> subscribed(ChannelLink link, String room) {
        return subscribed.apply(room);
    }

    @Override
    public synchronized void dropped(ChannelLink link, String room) {
        if (carriedBy.get(room) == link && rooms.remove(room) != null) {
            carriedBy.remove(room);
            LOG.infof("room %s moved away from %s; subscribing where it is now", room, link.node());
            topology.forget();
            orphans.add(room);
            retrySoon();
        }
    }

    @Override
    public synchronized void lost(ChannelLink link, Throwable failure) {
        lastProblem = String.valueOf(failure.getMessage());
        if (openLinks.remove(link.node(), link)) {
            links.remove(link.node());
        }
        topology.forget();
        List<String> carried = carriedBy.entrySet().stream()
                .filter(entry -> entry.getValue() == link)
                .map(Map.Entry::getKey).toList();
        if (!carried.isEmpty()) {
            LOG.warnf("lost the channels of %d rooms on %s: %s; subscribing again every %s", carried.size(), link.node(),
                    failure.getMessage(), config.reconnectInterval());
        }
        carried.forEach(room -> {
            rooms.remove(room);
            carriedBy.remove(room);
        });
        orphans.addAll(carried);
        retrySoon();
    }

    private void retrySoon() {
        if (retrying || stopped || orphans.isEmpty()) {
            return;
        }
        retrying = true;
        vertx.setTimer(config.reconnectInterval().toMillis(), timer -> resubscribeOrphans());
    }

    private synchronized void resubscribeOrphans() {
        retrying = false;
        for (String room : List.copyOf(orphans)) {
            orphans.remove(room);
            Uni<ChannelLink> subscribed = subscribeOnNode(room);
            rooms.put(room, subscribed);
            subscribed.subscribe().with(link -> {
            }, failure -> orphaned(room, subscribed));
        }
    }

    private synchronized void orphaned(String room, Uni<ChannelLink> attempt) {
        lastProblem = "could not subscribe again";
        if (rooms.remove(room, attempt)) {
            carriedBy.remove(room);
            orphans.add(room);
            retrySoon();
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        openLinks.values().forEach(ChannelLink::close);
    }
}
