package dev.chat.fanout;

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
        duration = Timer.builder("chat.fanout.duration").description("Time to hand one message to the room's local members")
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
