package dev.chat.hooks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The outbox of a single instance on the memory backplane: one bounded queue in this process, sent in
 * order, so every room's events keep theirs. When the queue is full the oldest event is dropped (and
 * counted); what is queued when the process dies is lost, as the messages of the memory backplane are.
 */
class MemoryOutbox implements EventOutbox {

    private static final Logger LOG = Logger.getLogger(MemoryOutbox.class);
    private static final long IDLE_POLL_MILLIS = 100;

    private record Entry(long number, HookEvent event, String json) {
    }

    private final Vertx vertx;
    private final HookMeters meters;
    private final int capacity;
    private final Deque<Entry> queue = new ArrayDeque<>();
    private long added;
    private int failures;
    private volatile boolean stopped;

    MemoryOutbox(Vertx vertx, HookMeters meters, int capacity) {
        this.vertx = vertx;
        this.meters = meters;
        this.capacity = capacity;
    }

    @Override
    public synchronized Uni<Void> add(HookEvent event, String json) {
        if (queue.size() >= capacity) {
            queue.pollFirst();
            meters.dropped();
        }
        queue.addLast(new Entry(++added, event, json));
        meters.queued();
        return Uni.createFrom().voidItem();
    }

    @Override
    public void start(EventDelivery delivery) {
        next(delivery, IDLE_POLL_MILLIS);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    private void next(EventDelivery delivery, long delayMillis) {
        if (!stopped) {
            vertx.setTimer(Math.max(1, delayMillis), id -> deliver(delivery));
        }
    }

    private void deliver(EventDelivery delivery) {
        List<Entry> batch = head(delivery.batch());
        if (batch.isEmpty()) {
            meters.oldestWaiting(0);
            next(delivery, IDLE_POLL_MILLIS);
            return;
        }
        meters.oldestWaiting(batch.get(0).event().timestamp());
        if (failures > 0) {
            meters.retried(batch.size());
        }
        delivery.send(batch.stream().map(Entry::json).toList()).subscribe().with(done -> {
            failures = 0;
            removeThrough(batch.get(batch.size() - 1).number());
            next(delivery, 0);
        }, failure -> {
            failures++;
            LOG.warnf("events not delivered (%d in a row): %s", failures, failure.getMessage());
            next(delivery, delivery.backoff(failures).toMillis());
        });
    }

    private synchronized List<Entry> head(int max) {
        List<Entry> batch = new ArrayList<>(Math.min(max, queue.size()));
        for (Entry entry : queue) {
            if (batch.size() == max) {
                break;
            }
            batch.add(entry);
        }
        return batch;
    }

    /** Drops what was delivered; a full queue may have dropped part of it meanwhile. */
    private synchronized void removeThrough(long number) {
        while (!queue.isEmpty() && queue.peekFirst().number() <= number) {
            queue.pollFirst();
        }
    }
}
