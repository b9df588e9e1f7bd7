package dev.chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The podman command line, with this repository's settings (src/main/docker/podman/containers.conf), and the
 * images under test: {@code -Dchat.image} (src/main/docker/build-image.sh builds it) and, for the manifests,
 * {@code -Dchat.redis-image}. Without podman or an image the tests are skipped, unless
 * {@code CHAT_TEST_PODMAN=required} (as in CI) makes that a failure.
 */
final class Podman {

    static final Path CONF = Path.of("src", "main", "docker", "podman", "containers.conf").toAbsolutePath();

    private Podman() {
    }

    /** The image named by {@code property}, after checking that podman is here to run it. */
    static String image(String property) {
        String image = System.getProperty(property, "");
        boolean onPath = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "podman")));
        String missing = !onPath ? "podman is not on the PATH"
                : image.isBlank() ? "no image to test: set -D" + property + " (src/main/docker/image-tests.sh does)" : null;
        if (missing != null) {
            if ("required".equals(System.getenv("CHAT_TEST_PODMAN"))) {
                fail(missing + ", and CHAT_TEST_PODMAN=required");
            }
            Assumptions.abort(missing);
        }
        return image;
    }

    /** Runs podman and returns its output; fails the test if it does not exit with 0. */
    static String run(String... args) {
        Result result = exec(Duration.ofMinutes(2), args);
        assertEquals(0, result.exit(), () -> "podman " + String.join(" ", args) + ":\n" + result.output());
        return result.output().trim();
    }

    /** Runs podman and returns its exit status and output, whatever they are. */
    static Result exec(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putIfAbsent("CONTAINERS_CONF", CONF.toString());
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "podman " + String.join(" ", args));
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exit, String output) {
    }
}
