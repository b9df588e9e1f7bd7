package dev.chat.fanout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/** What delivery to local members counts, registered at startup so the first scrape already shows it. */
@Startup
@ApplicationScoped
public class FanOutMeters {

    private final Counter delivered;
    private final Timer duration;
    private final Counter slowConsumers;

    FanOutMeters(MeterRegistry registry) {
        delivered = Counter.builder("chat.messages.delivered").description("Message frames handed to local connections")
                .register(registry);
        // A few fixed buckets, so dashboards can draw quantiles across instances at a dozen series' cost.
        duration = Timer.builder("chat.fanout.duration").description("Time to hand one message to the room's local members")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofSeconds(1))
                .register(registry);
        slowConsumers = Counter.builder("chat.slow_consumer.disconnects")
                .description("Connections closed because their outgoing queue was full").register(registry);
    }

    void fannedOut(int recipients, long nanos) {
        delivered.increment(recipients);
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A transport closed a connection whose reader fell too far behind. */
    public void slowConsumer() {
        slowConsumers.increment();
    }
}
