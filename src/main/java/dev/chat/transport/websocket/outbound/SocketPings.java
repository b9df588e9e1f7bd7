package dev.chat.transport.websocket.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.fanout.LocalMembers;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Pings every WebSocket this instance holds from one timer, rather than the framework's timer per socket
 * (its auto-ping): an idle connection then costs no timer of its own. The sockets are split into
 * {@link #SLOTS} groups by their serial number and one group is pinged per tick, so the pings of
 * thousands of connections are spread over the interval rather than sent in one burst.
 */
@ApplicationScoped
class SocketPings {

    static final int SLOTS = 20;

    private final LocalMembers members;
    private final Vertx vertx;
    private final long intervalMillis;
    private int tick;

    SocketPings(LocalMembers members, Vertx vertx, WebSocketConfig config) {
        this.members = members;
        this.vertx = vertx;
        this.intervalMillis = config.pingInterval().toMillis();
    }

    void start(@Observes StartupEvent started) {
        if (intervalMillis > 0) {
            vertx.setPeriodic(Math.max(1, intervalMillis / SLOTS), timer -> pingNextSlot());
        }
    }

    private void pingNextSlot() {
        int slot = tick;
        tick = (tick + 1) % SLOTS;
        members.all().forEach(member -> {
            if (member.sink() instanceof WebSocketSink socket && socket.serial() % SLOTS == slot) {
                socket.ping();
            }
        });
    }
}
