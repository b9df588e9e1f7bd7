package dev.chat.scaleout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every command a real Redis runs while it is watched, as its {@code MONITOR} prints them. */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private RedisMonitor(Socket socket) {
        this.socket = socket;
        this.reader = new Thread(this::read, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    static RedisMonitor watch(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new RedisMonitor(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("+") && !line.equals("+OK")) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            }
        } catch (IOException closed) {
            // the test is done watching
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
