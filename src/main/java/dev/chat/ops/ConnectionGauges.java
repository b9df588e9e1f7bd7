package dev.chat.ops;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.LocalMembers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Open connections per transport, read from the members this instance holds. The counters live with
 * what they count ({@code FanOutMeters}, {@code RoomMeters}); all are exported at {@code /q/metrics}.
 */
@Startup
@ApplicationScoped
class ConnectionGauges {

    static final List<String> TRANSPORTS = List.of("websocket", "sse", "long-polling");

    ConnectionGauges(MeterRegistry registry, LocalMembers members) {
        for (String transport : TRANSPORTS) {
            Gauge.builder("chat.connections", members, local -> local.all().filter(m -> m.transport().equals(transport)).count())
                    .description("Open connections on this instance")
                    .tag("transport", transport)
                    .strongReference(true)
                    .register(registry);
        }
    }
}
