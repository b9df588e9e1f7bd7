package dev.chat.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real {@code redis-server} on a free port, for one test class. The binary is
 * {@code CHAT_TEST_REDIS_SERVER} (a path, or {@code embedded}) when set, else the {@code redis-server} on
 * PATH, else the Linux build packaged in the embedded-redis test jar, so a machine with only a JDK runs
 * the Redis tests too.
 */
public final class RedisServer implements AutoCloseable {

    private static final String CHOICE = "CHAT_TEST_REDIS_SERVER";

    private final Path binary;
    private final int port;
    private final List<String> persistence;
    private final Path configFile;
    private Process process;

    private RedisServer(Path binary, int port, List<String> persistence) {
        this(binary, port, persistence, null);
    }

    private RedisServer(Path binary, int port, List<String> persistence, Path configFile) {
        this.binary = binary;
        this.port = port;
        this.persistence = persistence;
        this.configFile = configFile;
    }

    /** Keeps nothing: a stop loses every key, as a Redis without persistence does. */
    public static RedisServer start() {
        RedisServer server = new RedisServer(binary(), freePort(), List.of("--save", "", "--appendonly", "no"));
        server.startAgain();
        return server;
    }

    /** Writes every command to its append-only file before answering, so even a kill loses nothing acknowledged. */
    public static RedisServer startPersistent() {
        try {
            Path dir = Files.createTempDirectory("chat-redis");
            RedisServer server = new RedisServer(binary(), freePort(), List.of("--save", "", "--appendonly", "yes",
                    "--appendfsync", "always", "--dir", dir.toString()));
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With these options (cluster mode, say) instead of the defaults; keeps nothing unless they say so. */
    public static RedisServer startWith(List<String> options) {
        RedisServer server = new RedisServer(binary(), freePort(), options);
        server.startAgain();
        return server;
    }

    /** A Sentinel on its own port, with this (writable) configuration file. */
    public static RedisServer startSentinel(Path config) {
        RedisServer server = new RedisServer(binary(), freePort(), List.of("--sentinel"), config);
        server.startAgain();
        return server;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops at once, like a crash (SIGKILL). */
    public void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts on the same port: empty, or with what its append-only file kept. */
    public void startAgain() {
        try {
            Path log = Files.createTempFile("redis-" + port, ".log");
            log.toFile().deleteOnExit();
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if (configFile != null) {
                command.add(configFile.toString());
            }
            command.addAll(List.of("--port", String.valueOf(port), "--bind", "127.0.0.1", "--protected-mode", "no"));
            command.addAll(persistence);
            // A replica writes the snapshot it receives from its master into its working directory.
            Path workingDirectory = Files.createTempDirectory("redis-" + port);
            process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!"+PONG".equals(command("PING"))) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends one inline command and returns the first line of the answer, or null when nothing listens. */
    public String command(String inline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException nothingListens) {
            return null;
        }
    }

    /** Sends one inline command whose answer is a bulk string (INFO, CLUSTER INFO, CLUSTER NODES) and returns it whole. */
    public String info(String inline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            StringBuilder header = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                header.append((char) c);
            }
            in.read();
            if (header.length() == 0 || header.charAt(0) != '$') {
                return header.toString();
            }
            byte[] body = new byte[Integer.parseInt(header.substring(1))];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException nothingListens) {
            return "";
        }
    }

    @Override
    public void close() {
        stop();
    }

    static Path binary() {
        String chosen = System.getenv(CHOICE);
        if (chosen != null && !chosen.isBlank() && !chosen.equals("embedded")) {
            return Path.of(chosen).toAbsolutePath();
        }
        if (chosen == null || chosen.isBlank()) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return packaged();
    }

    private static synchronized Path packaged() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String name = List.of("aarch64", "arm64").contains(arch) ? "redis-server-6.2.7-linux-arm64"
                : "redis-server-6.2.6-v5-linux-amd64";
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "chat-test-" + name);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream packaged = RedisServer.class.getResourceAsStream("/" + name)) {
            if (packaged == null) {
                throw new IllegalStateException("no redis-server on PATH and none packaged for " + arch);
            }
            Path partial = Files.createTempFile("chat-test-redis", ".part");
            Files.copy(packaged, partial, StandardCopyOption.REPLACE_EXISTING);
            partial.toFile().setExecutable(true);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
