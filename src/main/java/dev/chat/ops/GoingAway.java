package dev.chat.ops;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.smallrye.mutiny.Uni;

/** On shutdown every WebSocket is closed with 1001, which tells clients to reconnect and resume. */
@ApplicationScoped
public class GoingAway {

    static final CloseReason GOING_AWAY = new CloseReason(1001, "server shutting down");

    void onShutdown(@Observes ShutdownEvent event, OpenConnections connections) {
        List<Uni<Void>> closing = connections.stream().map(connection -> connection.close(GOING_AWAY)).toList();
        if (closing.isEmpty()) {
            return;
        }
        Uni.join().all(closing)
                .andCollectFailures()
                .onFailure().recoverWithNull()
                .await().atMost(Duration.ofSeconds(5));
    }
}
