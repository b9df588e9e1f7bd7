package dev.chat.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A reconnect storm: every client of a room comes back at once, as after a network blip or a deploy.
 * With chat each resumes with {@code since} and is served once its welcome and a replay of
 * {@code --replay} messages have arrived; with a peer, once its greeting (or open) has. The first storms
 * warm the server's code; the last one is the measured one. Times are taken from the storm's start,
 * since every client wants in at that moment. One JSON line per storm.
 */
final class Storm {

    private static final long SERVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Loadgen loadgen;
    private final Options options;

    Storm(Loadgen loadgen) {
        this.loadgen = loadgen;
        this.options = loadgen.options;
        options.clients = options.storm;
    }

    void run() throws IOException {
        boolean replays = loadgen.target == Target.CHAT && options.replay > 0;
        if (replays) {
            seed(2 * options.replay);
            loadgen.since = options.replay;
            loadgen.replayWanted = options.replay;
        }
        for (int round = 0; round <= options.stormWarmups; round++) {
            long started = System.nanoTime();
            loadgen.connectUpTo(options.storm);
            long deadline = System.nanoTime() + SERVE_TIMEOUT_NANOS;
            while (served() < loadgen.open && System.nanoTime() < deadline) {
                loadgen.poll(10);
            }
            report(round, started);
            loadgen.closeAll();
            loadgen.settle(3);
        }
    }

    /** A fresh room gets {@code count} messages, seq 1 to count, from one client that then leaves. */
    private void seed(int count) throws IOException {
        loadgen.connectUpTo(1);
        Client seeder = loadgen.clients.get(0);
        if (seeder.state != Client.State.OPEN) {
            throw new IOException("the seeding client could not connect");
        }
        for (int i = 1; i <= count; i++) {
            loadgen.send(seeder, 0, i, System.nanoTime());
        }
        long deadline = System.nanoTime() + SERVE_TIMEOUT_NANOS;
        while (seeder.replayed < count && System.nanoTime() < deadline) {
            loadgen.poll(10);
        }
        if (seeder.replayed < count) {
            throw new IOException("only " + seeder.replayed + " of " + count + " seed messages came back");
        }
        loadgen.closeAll();
        loadgen.settle(1);
    }

    private long served() {
        return loadgen.clients.stream().filter(c -> c.servedNanos != 0).count();
    }

    private void report(int round, long started) {
        long[] welcomed = loadgen.clients.stream().filter(c -> c.openedNanos != 0).mapToLong(c -> c.openedNanos - started)
                .sorted().toArray();
        long[] served = loadgen.clients.stream().filter(c -> c.servedNanos != 0).mapToLong(c -> c.servedNanos - started)
                .sorted().toArray();
        double seconds = served.length == 0 ? 0 : served[served.length - 1] / 1e9;
        System.out.printf(Locale.ROOT, "{\"mode\":\"storm\",\"target\":\"%s\",\"round\":%d,\"warm\":%b,\"clients\":%d,"
                + "\"served\":%d,\"failed\":%d,\"replay\":%d,\"handshake\":\"%s\",\"all_served_s\":%.3f,\"connections_per_s\":%.0f,"
                + "\"welcome_p50_ms\":%.1f,\"welcome_p99_ms\":%.1f,\"served_p50_ms\":%.1f,\"served_p99_ms\":%.1f}%n",
                loadgen.target.name, round, round > 0, options.storm, served.length, options.storm - served.length,
                loadgen.replayWanted, options.handshake.name().toLowerCase(Locale.ROOT), seconds,
                seconds == 0 ? 0 : served.length / seconds, ms(percentile(welcomed, 50)), ms(percentile(welcomed, 99)),
                ms(percentile(served, 50)), ms(percentile(served, 99)));
    }

    private static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
