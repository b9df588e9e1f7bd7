package dev.chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;

/**
 * What the JVM container image does when it is built, on a JDK 25 outside a container: aot-training.sh
 * trains an AOT cache for the packaged jar, and a JVM that is made to use it ({@code -XX:AOTMode=on}
 * refuses to start otherwise) starts from it and lets a client join.
 */
class AotCacheIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final Path WORK = Path.of("target", "it-aot").toAbsolutePath();

    @Test
    void theImagesTrainingScriptWritesACacheTheServiceStartsFrom() throws Exception {
        Path java = jdk25();
        assumeTrue(Files.isExecutable(java), "a JDK 25 at " + java + " (set JAVA25 to point elsewhere)");
        assumeTrue(!Boolean.getBoolean("chat.it.native"), "the native build has no JVM to cache for");
        Files.createDirectories(WORK);
        Path cache = WORK.resolve("app.aot");
        Files.deleteIfExists(cache);
        List<String> imageOptions = imageOptions();

        List<String> training = new ArrayList<>(List.of("bash", "src/main/docker/aot-training.sh", JAR.toString(),
                cache.toString()));
        training.addAll(imageOptions);
        ProcessBuilder trainer = new ProcessBuilder(training).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("training.log").toFile());
        trainer.environment().put("JAVA", java.toString());
        trainer.environment().put("AOT_TRAINING_PORT", String.valueOf(freePort()));
        Process trained = trainer.start();
        assertTrue(trained.waitFor(3, TimeUnit.MINUTES), "training finished; see target/it-aot/training.log");
        assertEquals(0, trained.exitValue(), "training succeeded; see target/it-aot/training.log");
        assertTrue(Files.size(cache) > 0);

        int port = freePort();
        List<String> run = new ArrayList<>(List.of(java.toString()));
        run.addAll(imageOptions);
        run.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache, "-Dquarkus.http.port=" + port, "-jar",
                JAR.toString()));
        Process service = new ProcessBuilder(run).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("service.log").toFile()).start();
        try {
            ChatClient client = joinWhenUp(URI.create("http://localhost:" + port + "/"), service);
            client.send("started from the cache");
            client.awaitText("started from the cache");
        } finally {
            service.destroyForcibly().waitFor();
        }
    }

    private static ChatClient joinWhenUp(URI base, Process service) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            assertTrue(service.isAlive(), "the JVM accepted the cache; see target/it-aot/service.log");
            try {
                return ChatClient.join(base, "/chat/aot");
            } catch (RuntimeException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The JVM options the image trains and runs with, as Dockerfile.jvm declares them. */
    private static List<String> imageOptions() throws IOException {
        Matcher declared = Pattern.compile("(?m)^ENV JAVA_IMAGE_OPTS=\"([^\"]*)\"$")
                .matcher(Files.readString(Path.of("src", "main", "docker", "Dockerfile.jvm")));
        assertTrue(declared.find(), "Dockerfile.jvm declares JAVA_IMAGE_OPTS");
        return Arrays.asList(declared.group(1).trim().split("\\s+"));
    }

    private static Path jdk25() {
        String configured = System.getenv("JAVA25");
        return configured != null ? Path.of(configured)
                : Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
