package dev.chat.hooks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/** What the hooks count: publish answers and failures; events queued, delivered, retried, dropped, and how old the oldest waiting one is. */
@Startup
@ApplicationScoped
class HookMeters {

    private final Timer publishAnswers;
    private final Counter publishRejected;
    private final Counter publishFailed;
    private final Counter queued;
    private final Counter delivered;
    private final Counter retried;
    private final Counter dropped;
    private final AtomicLong oldestWaitingSince = new AtomicLong();

    HookMeters(MeterRegistry registry) {
        publishAnswers = Timer.builder("chat.hooks.publish").description("Publish hook calls, answered or not")
                .register(registry);
        publishRejected = Counter.builder("chat.hooks.publish.rejected").description("Messages the publish hook refused")
                .register(registry);
        publishFailed = Counter.builder("chat.hooks.publish.failed")
                .description("Publish hook calls without a usable answer").register(registry);
        queued = Counter.builder("chat.hooks.events.queued").description("Events kept for the events endpoint")
                .register(registry);
        delivered = Counter.builder("chat.hooks.events.delivered").description("Events the endpoint took")
                .register(registry);
        retried = Counter.builder("chat.hooks.events.retried").description("Events sent again after a failed batch")
                .register(registry);
        dropped = Counter.builder("chat.hooks.events.dropped").description("Events lost: outbox full, or not kept")
                .register(registry);
        Gauge.builder("chat.hooks.events.oldest.age", this, HookMeters::oldestAgeSeconds).baseUnit("seconds")
                .description("How long the oldest event this instance is sending has waited; 0 when none waits")
                .register(registry);
    }

    void publishAnswered(long nanos) {
        publishAnswers.record(nanos, TimeUnit.NANOSECONDS);
    }

    void publishRejected() {
        publishRejected.increment();
    }

    void publishFailed() {
        publishFailed.increment();
    }

    void queued() {
        queued.increment();
    }

    void delivered(int count) {
        delivered.increment(count);
    }

    void retried(int count) {
        retried.increment(count);
    }

    void dropped() {
        dropped.increment();
    }

    /** The timestamp of the oldest event waiting, or 0 when none does. */
    void oldestWaiting(long timestampMillis) {
        oldestWaitingSince.set(timestampMillis);
    }

    private double oldestAgeSeconds() {
        long since = oldestWaitingSince.get();
        return since == 0 ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
    }
}
