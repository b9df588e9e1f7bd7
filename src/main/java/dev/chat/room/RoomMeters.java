package dev.chat.room;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** What the room rules count: messages stored through this instance, and those the backplane refused. */
@Startup
@ApplicationScoped
class RoomMeters {

    private final Counter published;
    private final Counter backplaneErrors;

    RoomMeters(MeterRegistry registry) {
        published = Counter.builder("chat.messages.published").description("Messages accepted on this instance")
                .register(registry);
        backplaneErrors = Counter.builder("chat.backplane.errors").description("Publishes the backplane could not store")
                .register(registry);
    }

    void published() {
        published.increment();
    }

    void backplaneError() {
        backplaneErrors.increment();
    }
}
