package dev.chat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.chat.support.ChatClient;

/**
 * One container of the chat image, run as k8s/chat-deployment.yaml runs it: its user, a read-only root with
 * only /tmp writable, the memory limit and the JVM options of the manifest, published on a free loopback port.
 */
final class ChatContainer implements AutoCloseable {

    private final String name;
    private final int port;

    private ChatContainer(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /** Creates the container without starting it; {@code extraJvmOptions} go after the manifest's. */
    static ChatContainer create(String image, String name, String extraJvmOptions) {
        Podman.exec(Duration.ofSeconds(30), "rm", "-f", name);
        ChatDeployment manifest = ChatDeployment.read();
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("create", "--name", name, "--read-only", "--tmpfs", "/tmp:rw,size=64m",
                "--user", String.valueOf(manifest.runAsUser()), "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
                "--memory", manifest.memoryLimit(), "-p", "127.0.0.1:" + port + ":" + manifest.containerPort(),
                "-e", "JAVA_OPTS_APPEND=" + (manifest.javaOptions() + " " + extraJvmOptions).trim(), image));
        Podman.run(args.toArray(String[]::new));
        return new ChatContainer(name, port);
    }

    static ChatContainer start(String image, String name, String extraJvmOptions) {
        return create(image, name, extraJvmOptions).start();
    }

    ChatContainer start() {
        Podman.run("start", name);
        return this;
    }

    String name() {
        return name;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The first client that is welcomed, waiting for the service to come up. */
    ChatClient join(String path, Duration within) throws InterruptedException {
        return joinAt(base(), path, within);
    }

    static ChatClient joinAt(URI base, String path, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return ChatClient.join(base, path);
            } catch (RuntimeException | AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }

    String exec(String... command) {
        List<String> args = new ArrayList<>(List.of("exec", name));
        args.addAll(List.of(command));
        return Podman.run(args.toArray(String[]::new));
    }

    Podman.Result tryExec(String... command) {
        List<String> args = new ArrayList<>(List.of("exec", name));
        args.addAll(List.of(command));
        return Podman.exec(Duration.ofSeconds(30), args.toArray(String[]::new));
    }

    String inspect(String format) {
        return Podman.run("inspect", "--format", format, name);
    }

    String logs() {
        return Podman.run("logs", name);
    }

    /** {@code podman stop} with this grace, as the kubelet stops a pod; returns how long it took. */
    Duration stop(long graceSeconds) {
        long started = System.nanoTime();
        Podman.run("stop", "-t", String.valueOf(graceSeconds), name);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    int exitCode() {
        return Integer.parseInt(inspect("{{.State.ExitCode}}"));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Podman.exec(Duration.ofSeconds(60), "rm", "-f", "-t", "0", name);
    }
}
