package dev.chat.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every command a real redis-server runs while it is open, as {@code MONITOR} prints them, so a test can
 * count the commands one action costs (by name and by the keys or channels they name).
 */
public final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private RedisMonitor(Socket socket) {
        this.socket = socket;
    }

    public static RedisMonitor on(RedisServer server) {
        try {
            Socket socket = new Socket("127.0.0.1", server.port());
            RedisMonitor monitor = new RedisMonitor(socket);
            OutputStream out = socket.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (!"+OK".equals(in.readLine())) {
                throw new IllegalStateException("MONITOR refused");
            }
            Thread reader = new Thread(() -> monitor.read(in), "redis-monitor");
            reader.setDaemon(true);
            reader.start();
            return monitor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(BufferedReader in) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException closed) {
            // the test closed the monitor
        }
    }

    /** Commands named {@code command} (EVALSHA, SUBSCRIBE, ...) whose line mentions {@code mentioning}. */
    public long count(String command, String mentioning) {
        String quoted = "\"" + command.toUpperCase() + "\"";
        return lines.stream().filter(line -> line.toUpperCase().contains(quoted) && line.contains(mentioning)).count();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
