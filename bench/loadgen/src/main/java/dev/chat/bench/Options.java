package dev.chat.bench;

import java.util.Arrays;

/** Command-line options; every one has a default that matches the benchmark's usual point. */
final class Options {

    String target = "chat";
    String host = "127.0.0.1";
    int port = 8080;
    int clients = 1000;
    int senders = 10;
    long rate = 100_000;
    int size = 64;
    long warmup = 5;
    long duration = 10;
    long drain = 3;
    String room = "bench" + Long.toString(System.nanoTime() & 0xFFFFFF, 36);
    int connectConcurrency = 200;
    int[] idleSteps;
    long rssPid;
    long settle = 10;
    int stalled;
    /** {@code minimal} (what the RFC asks for) or {@code browser} (what Chromium sends with a session cookie). */
    Handshake handshake = Handshake.MINIMAL;
    /** Clients of one reconnect storm; 0 means no storm. */
    int storm;
    /** Storms before the measured one, so the server's code is warm. */
    int stormWarmups = 2;
    /** Messages each storm client must be replayed (chat only): it resumes with {@code since}. */
    int replay = 50;

    static Options parse(String[] args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--target" -> options.target = value;
                case "--host" -> options.host = value;
                case "--port" -> options.port = Integer.parseInt(value);
                case "--clients" -> options.clients = Integer.parseInt(value);
                case "--senders" -> options.senders = Integer.parseInt(value);
                case "--rate" -> options.rate = Long.parseLong(value);
                case "--size" -> options.size = Integer.parseInt(value);
                case "--warmup" -> options.warmup = Long.parseLong(value);
                case "--duration" -> options.duration = Long.parseLong(value);
                case "--drain" -> options.drain = Long.parseLong(value);
                case "--room" -> options.room = value;
                case "--connect-concurrency" -> options.connectConcurrency = Integer.parseInt(value);
                case "--idle-steps" -> options.idleSteps = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--rss-pid" -> options.rssPid = Long.parseLong(value);
                case "--settle" -> options.settle = Long.parseLong(value);
                case "--stalled" -> options.stalled = Integer.parseInt(value);
                case "--handshake" -> options.handshake = Handshake.named(value);
                case "--storm" -> options.storm = Integer.parseInt(value);
                case "--storm-warmups" -> options.stormWarmups = Integer.parseInt(value);
                case "--replay" -> options.replay = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return options;
    }
}
