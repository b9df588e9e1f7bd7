package dev.chat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged service as production runs it: its own process ({@code java -jar
 * target/quarkus-app/quarkus-run.jar}, or the native executable in the native build) on a free port,
 * logging to {@code target/it-logs/<name>.log}.
 */
public final class ServiceInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;

    private ServiceInstance(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts the instance with {@code config} as system properties; {@link #awaitReady} waits for it. */
    public static ServiceInstance start(String name, Map<String, String> config) {
        return start(name, config, List.of("-Xmx256m"));
    }

    /** As {@link #start(String, Map)}, with these JVM options (heap sizing) instead of a 256 MiB heap. */
    public static ServiceInstance start(String name, Map<String, String> config, List<String> jvmOptions) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        boolean nativeBuild = Boolean.getBoolean("chat.it.native");
        command.add(nativeBuild ? System.getProperty("native.image.path")
                : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!nativeBuild) {
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
        }
        try {
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile()).start();
            return new ServiceInstance(name, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServiceInstance awaitReady() {
        // A JVM boot takes far longer than usual on a machine busy with other builds.
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/it-logs");
            }
            if (status("/q/health/ready") == 200) {
                return this;
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within 90 s; see target/it-logs");
    }

    public URI base() {
        return URI.create("http://localhost:" + port + "/");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return Path.of("target", "it-logs", name + ".log");
    }

    /** The status of a GET, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(Urls.http(base(), path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(Urls.http(base(), path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as Kubernetes sends it: the instance drains and exits on its own. */
    public void terminate() {
        process.destroy();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the process has exited within {@code timeout}. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no goodbye to Redis, connections cut. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
