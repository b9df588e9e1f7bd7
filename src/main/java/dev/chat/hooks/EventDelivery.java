package dev.chat.hooks;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** POSTs one batch of events (a JSON array, in order) and says whether the endpoint took it. */
@ApplicationScoped
class EventDelivery {

    private final HooksConfig config;
    private final HookCalls calls;
    private final HookMeters meters;

    EventDelivery(HooksConfig config, HookCalls calls, HookMeters meters) {
        this.config = config;
        this.calls = calls;
        this.meters = meters;
    }

    /** Completes with the batch taken (any 2xx), or fails with why it was not. */
    Uni<Void> send(List<String> jsonEvents) {
        String body = "[" + String.join(",", jsonEvents) + "]";
        return calls.post(config.eventsUrl().orElseThrow(), body, config.eventsTimeout())
                .map(answer -> {
                    if (!answer.isSuccess()) {
                        throw new HookFailure("events endpoint answered " + answer.status());
                    }
                    meters.delivered(jsonEvents.size());
                    return (Void) null;
                });
    }

    /** The wait after {@code failures} failures in a row: doubling from the minimum, up to the maximum. */
    Duration backoff(int failures) {
        long min = config.eventsRetryMin().toMillis();
        long wait = min << Math.min(Math.max(failures - 1, 0), 20);
        return Duration.ofMillis(Math.min(wait, config.eventsRetryMax().toMillis()));
    }

    int batch() {
        return config.eventsBatch();
    }
}
