package dev.chat.hooks;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.message.ChatMessage;
import dev.chat.redis.RedisNodes;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Tells the application's events endpoint what happened in its rooms. Nothing is kept when
 * {@code chat.hooks.events-url} is unset. With the Redis backplane the events wait in Redis, and any
 * instance may send them; with the memory backplane, in this process.
 */
@Startup
@ApplicationScoped
public class HookEvents {

    private static final Logger LOG = Logger.getLogger(HookEvents.class);

    private final ObjectMapper mapper;
    private final HookMeters meters;
    private final EventOutbox outbox;

    // The backplane's own setting (dev.chat.backplane.BackplaneConfig, a floor above): events wait where messages do.
    HookEvents(HooksConfig config, @ConfigProperty(name = "chat.backplane", defaultValue = "memory") String backplane,
            Instance<RedisNodes> nodes, Vertx vertx, ObjectMapper mapper, HookMeters meters, EventDelivery delivery) {
        this.mapper = mapper;
        this.meters = meters;
        if (config.eventsUrl().isEmpty()) {
            this.outbox = null;
        } else if ("redis".equalsIgnoreCase(backplane)) {
            this.outbox = new RedisOutbox(vertx, nodes.get(), meters, config.eventsLease().toMillis(), this::json);
        } else {
            this.outbox = new MemoryOutbox(vertx, meters, config.eventsQueueSize());
        }
        if (outbox != null) {
            outbox.start(delivery);
        }
    }

    /** Whether the events endpoint is to hear of what happens. */
    public boolean isOn() {
        return outbox != null;
    }

    /**
     * To be called (and completed) before a Redis store writes a message's event into the room's stream
     * itself: it marks the room as one with events waiting, so some instance will send them.
     */
    public Uni<Void> expectIn(String room) {
        return outbox instanceof RedisOutbox redis ? redis.expectIn(room) : Uni.createFrom().voidItem();
    }

    /** To be called after a Redis store wrote a message's event (see {@link #expectIn}). */
    public void storedIn(String room) {
        if (outbox instanceof RedisOutbox redis) {
            redis.stored(room);
        }
    }

    /** A message the memory backplane stored (the Redis one writes the event in its store script). */
    public void message(ChatMessage stored) {
        add(HookEvent.message(stored));
    }

    public void deleted(String room, long seq) {
        add(HookEvent.delete(room, seq));
    }

    public void edited(String room, long seq, String text) {
        add(HookEvent.edit(room, seq, text));
    }

    public void joined(String room, String name) {
        if (name != null) {
            add(HookEvent.join(room, name));
        }
    }

    public void left(String room, String name) {
        if (name != null) {
            add(HookEvent.leave(room, name));
        }
    }

    private void add(HookEvent event) {
        if (outbox == null) {
            return;
        }
        outbox.add(event, json(event)).subscribe().with(kept -> {
        }, failure -> {
            meters.dropped();
            LOG.warnf("%s event of %s not kept: %s", event.type(), event.room(), failure.toString());
        });
    }

    private String json(HookEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        if (outbox != null) {
            outbox.stop();
        }
    }
}
