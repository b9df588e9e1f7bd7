package dev.chat.ops;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.chat.fanout.Disconnect;
import dev.chat.fanout.LocalMembers;
import dev.chat.fanout.Member;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * Graceful shutdown. When the shutdown delay begins, readiness already reports DOWN and no new client
 * is sent here; every connection is then ended at a random moment within the drain window (WebSockets
 * with 1001, SSE streams and long polls by ending the response), so clients reconnect to another
 * replica spread out in time and resume from their last seq. Whatever is still open when the delay
 * is over is closed at once.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    private final LocalMembers members;
    private final Vertx vertx;
    private final DrainConfig config;
    private volatile boolean draining;

    Drain(LocalMembers members, Vertx vertx, DrainConfig config) {
        this.members = members;
        this.vertx = vertx;
        this.config = config;
    }

    public boolean isDraining() {
        return draining;
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        long windowMillis = Math.max(1, config.window().toMillis());
        LOG.infof("draining: closing connections over %d ms", windowMillis);
        members.all().forEach(member -> vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(windowMillis),
                timer -> member.disconnect(Disconnect.SHUTDOWN)));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        draining = true;
        members.all().forEach(member -> member.disconnect(Disconnect.SHUTDOWN));
    }
}
