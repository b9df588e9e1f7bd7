package dev.chat.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Latency of every receipt, from the moment its message was scheduled to be sent (not when it was sent,
 * so a stalled sender cannot hide a stalled server), for messages scheduled inside the measured window.
 */
final class Receipts {

    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);

    final Histogram latency = new Histogram(MAX_MICROS, 3);
    private long windowStart = Long.MAX_VALUE;
    private long windowEnd = Long.MAX_VALUE;
    long measured;
    long all;
    long lostConnections;

    void window(long startNanos, long endNanos) {
        windowStart = startNanos;
        windowEnd = endNanos;
    }

    boolean inWindow(long scheduledNanos) {
        return scheduledNanos >= windowStart && scheduledNanos < windowEnd;
    }

    void received(Client client, long scheduledNanos, long nowNanos) {
        all++;
        if (inWindow(scheduledNanos)) {
            measured++;
            client.receipts++;
            latency.recordValue(Math.min(MAX_MICROS, Math.max(0, (nowNanos - scheduledNanos) / 1000)));
        }
    }

    void lostConnection(Client client) {
        if (client.state != Client.State.CLOSED) {
            lostConnections++;
        }
    }
}
