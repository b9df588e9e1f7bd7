package dev.chat.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.chat.connections.AcceptedConnections;

/**
 * Not ready until the listening socket is watched: before that, connections escape the per-address
 * count and the request head timeout. The instance's request to itself at start, or the readiness
 * probe's own request, puts the watch on, so this is DOWN for a moment at most.
 */
@Readiness
@ApplicationScoped
public class ConnectionGateHealth implements HealthCheck {

    private final AcceptedConnections accepted;

    ConnectionGateHealth(AcceptedConnections accepted) {
        this.accepted = accepted;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("connection-gate").status(accepted.isWatching()).build();
    }
}
