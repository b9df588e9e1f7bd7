package dev.chat.ops;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.room.LocalMembers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/** The chat's own meters, exported at {@code /q/metrics} beside the JVM's and HTTP's from the first scrape on. */
@Startup
@ApplicationScoped
public class ChatMetrics {

    static final List<String> TRANSPORTS = List.of("websocket", "sse", "long-polling");

    private final Counter published;
    private final Counter delivered;
    private final Timer fanOut;
    private final Counter slowConsumers;
    private final Counter backplaneErrors;

    ChatMetrics(MeterRegistry registry, LocalMembers members) {
        for (String transport : TRANSPORTS) {
            Gauge.builder("chat.connections", members, local -> local.all().filter(m -> m.transport().equals(transport)).count())
                    .description("Open connections on this instance")
                    .tag("transport", transport)
                    .strongReference(true)
                    .register(registry);
        }
        published = Counter.builder("chat.messages.published").description("Messages accepted on this instance")
                .register(registry);
        delivered = Counter.builder("chat.messages.delivered").description("Message frames handed to local connections")
                .register(registry);
        fanOut = Timer.builder("chat.fanout.duration").description("Time to hand one message to the room's local members")
                .register(registry);
        slowConsumers = Counter.builder("chat.slow_consumer.disconnects")
                .description("Connections closed because their outgoing queue was full").register(registry);
        backplaneErrors = Counter.builder("chat.backplane.errors").description("Publishes the backplane could not store")
                .register(registry);
    }

    public void published() {
        published.increment();
    }

    public void fannedOut(int recipients, long nanos) {
        delivered.increment(recipients);
        fanOut.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void slowConsumer() {
        slowConsumers.increment();
    }

    public void backplaneError() {
        backplaneErrors.increment();
    }
}
