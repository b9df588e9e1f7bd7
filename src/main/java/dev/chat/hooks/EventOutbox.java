package dev.chat.hooks;

import io.smallrye.mutiny.Uni;

/**
 * Where events wait until the events endpoint has taken them.
 *
 * <p>Rules every implementation keeps: the events of one room leave in the order they were added; an
 * event leaves the outbox only after the endpoint answered 2xx to a batch holding it, so it may be sent
 * again (with the same {@code id}) but is never skipped; and one instance at a time sends a room's events.
 */
interface EventOutbox {

    /** Completes once the event is kept (in Redis: written there). */
    Uni<Void> add(HookEvent event, String json);

    /** Starts sending batches to the endpoint through {@code delivery}, until the service stops. */
    void start(EventDelivery delivery);

    /** Sends nothing more; what waits stays (in Redis) or is lost (in memory). */
    void stop();
}
