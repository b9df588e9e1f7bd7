package dev.chat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Opens N WebSocket clients on one thread, has S of them send at a fixed schedule, and reports what every
 * client received: deliveries per second, latency percentiles from the scheduled send time, loss, and the
 * time it took to connect. With {@code --idle-steps} it only holds connections and reads the server's RSS.
 */
public final class Loadgen {

    final Options options;
    final Target target;
    private final Selector selector;
    private final Receipts receipts = new Receipts();
    private final Inbound inbound;
    final List<Client> clients = new ArrayList<>();
    private final byte[] padding;
    private int connecting;
    int open;
    int failed;
    /** The seq new clients resume from, and how many messages each must then be replayed; -1 and 0 for none. */
    long since = -1;
    int replayWanted;

    private Loadgen(Options options) throws IOException {
        this.options = options;
        this.target = Target.named(options.target);
        this.selector = Selector.open();
        this.inbound = new Inbound(target, receipts);
        this.padding = "x".repeat(Math.max(0, options.size)).getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Loadgen loadgen = new Loadgen(options);
        if (options.storm > 0) {
            new Storm(loadgen).run();
        } else if (options.idleSteps != null) {
            loadgen.idle();
        } else {
            loadgen.run();
        }
        System.exit(0);
    }

    private void run() throws IOException {
        long connectStarted = System.nanoTime();
        connectUpTo(options.clients);
        long connectMillis = (System.nanoTime() - connectStarted) / 1_000_000;
        int readers = open;
        connectUpTo(options.clients + options.stalled);
        open = readers;

        if (open == 0) {
            throw new IOException("no client could connect");
        }
        List<Client> senderClients = clients.stream().filter(c -> c.state == Client.State.OPEN && !c.stalled)
                .limit(options.senders).toList();
        int senders = senderClients.size();
        double messagesPerSecond = (double) options.rate / open;
        long interval = (long) (senders * 1e9 / messagesPerSecond);
        long start = System.nanoTime() + 100_000_000;
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmup);
        long measureUntil = measureFrom + TimeUnit.SECONDS.toNanos(options.duration);
        receipts.window(measureFrom, measureUntil);
        long[] next = new long[senders];
        for (int i = 0; i < senders; i++) {
            next[i] = start + interval * i / senders;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long receiptsBefore = receipts.all;
        long measuredSent = 0;
        long sequence = 0;
        long now;
        while ((now = System.nanoTime()) < measureUntil) {
            long earliest = Long.MAX_VALUE;
            for (int i = 0; i < senders; i++) {
                while (next[i] <= now && next[i] < measureUntil) {
                    send(senderClients.get(i), i, ++sequence, next[i]);
                    if (receipts.inWindow(next[i])) {
                        measuredSent++;
                    }
                    next[i] += interval;
                }
                earliest = Math.min(earliest, next[i]);
            }
            poll(Math.max(1, (earliest - System.nanoTime()) / 1_000_000));
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.drain);
        while (System.nanoTime() < drainUntil) {
            poll(50);
        }
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStarted;
        report(connectMillis, measuredSent, cpuNanos, receipts.all - receiptsBefore);
    }

    void send(Client sender, int senderIndex, long sequence, long scheduledNanos) throws IOException {
        String marker = "b|" + senderIndex + "|" + sequence + "|" + scheduledNanos + "|";
        byte[] text = new byte[Math.max(options.size, marker.length())];
        byte[] head = marker.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, text, 0, head.length);
        System.arraycopy(padding, 0, text, head.length, text.length - head.length);
        sender.send(Frames.masked(Frames.TEXT, target.wrap(text)));
    }

    private void report(long connectMillis, long measuredSent, long cpuNanos, long receiptsInRun) {
        long expected = measuredSent * open;
        long lost = 0;
        for (Client client : clients) {
            if (client.openedNanos != 0 && !client.stalled) {
                lost += Math.max(0, measuredSent - client.receipts);
            }
        }
        var latency = receipts.latency;
        System.out.printf(Locale.ROOT, "{\"target\":\"%s\",\"clients\":%d,\"open\":%d,\"failed\":%d,\"stalled\":%d,\"senders\":%d,\"rate\":%d,\"duration_s\":%d,"
                + "\"deliveries_per_s\":%.0f,\"expected\":%d,\"received\":%d,\"lost\":%d,\"closed\":%d,"
                + "\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"p999_ms\":%.2f,\"max_ms\":%.2f,\"connect_ms\":%d,"
                + "\"loadgen_cpu_ns_per_receipt\":%.1f}%n",
                target.name, options.clients, open, failed, options.stalled, Math.min(options.senders, open), options.rate,
                options.duration, receipts.measured / (double) options.duration, expected, receipts.measured, lost,
                receipts.lostConnections, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
                ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()), connectMillis,
                receiptsInRun == 0 ? 0.0 : cpuNanos / (double) receiptsInRun);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** Holds more and more idle connections and reports the server's resident memory at each step. */
    private void idle() throws IOException {
        settle();
        long base = rssKilobytes();
        System.out.printf(Locale.ROOT, "{\"target\":\"%s\",\"connections\":0,\"rss_kb\":%d}%n", target.name, base);
        for (int step : options.idleSteps) {
            connectUpTo(step);
            settle();
            long rss = rssKilobytes();
            System.out.printf(Locale.ROOT, "{\"target\":\"%s\",\"connections\":%d,\"rss_kb\":%d,\"bytes_per_connection\":%d}%n",
                    target.name, open, rss, open == 0 ? 0 : (rss - base) * 1024 / open);
        }
    }

    private void settle() throws IOException {
        settle(options.settle);
    }

    void settle(long seconds) throws IOException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            poll(100);
        }
    }

    private long rssKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(options.rssPid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + options.rssPid);
    }

    /**
     * Opens clients until {@code count} have been tried, at most {@code --connect-concurrency} handshakes at
     * a time; a server that refuses or drops some is reported, not waited for.
     */
    void connectUpTo(int count) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (open + failed < count && System.nanoTime() < deadline) {
            while (clients.size() < count && connecting < options.connectConcurrency) {
                connect(clients.size());
            }
            poll(10);
        }
        failed += connecting;
    }

    private void connect(int id) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Client client = new Client(id, channel);
        client.replayWanted = replayWanted;
        if (id >= options.clients) {
            client.stalled = true;
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        }
        client.connectStartedNanos = System.nanoTime();
        clients.add(client);
        connecting++;
        channel.connect(new InetSocketAddress(options.host, options.port));
        client.key = channel.register(selector, SelectionKey.OP_CONNECT, client);
    }

    void poll(long timeoutMillis) throws IOException {
        selector.select(this::ready, timeoutMillis);
    }

    private void ready(SelectionKey key) {
        Client client = (Client) key.attachment();
        Client.State before = client.state;
        try {
            handle(key, client);
        } catch (IOException e) {
            receipts.lostConnection(client);
            client.close();
        }
        if (before != Client.State.OPEN && before != Client.State.CLOSED && client.state == Client.State.OPEN) {
            connecting--;
            open++;
            client.openedNanos = System.nanoTime();
            if (client.replayed >= client.replayWanted && client.servedNanos == 0) {
                client.servedNanos = client.openedNanos;
            }
            if (client.stalled) {
                // A reader that stops reading: the server must bound what it holds for it.
                key.interestOps(0);
            }
        } else if (before != Client.State.OPEN && before != Client.State.CLOSED && client.state == Client.State.CLOSED) {
            connecting--;
            failed++;
        }
    }

    /** Closes every client and forgets it, so the next connections start from none. */
    void closeAll() {
        clients.forEach(Client::close);
        clients.clear();
        open = 0;
        failed = 0;
        connecting = 0;
    }

    private void handle(SelectionKey key, Client client) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isConnectable()) {
            client.channel.finishConnect();
            client.channel.write(ByteBuffer.wrap(options.handshake.request(options.host, options.port,
                    target.path(options.room, client.id, since), client.id)));
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        if (key.isWritable()) {
            client.writable();
        }
        if (key.isReadable()) {
            inbound.read(client);
        }
    }
}
