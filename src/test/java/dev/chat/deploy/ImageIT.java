package dev.chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;

/**
 * The built JVM image, run as the manifest runs it: user, read-only root with a tmpfs /tmp, memory limit and
 * JVM options. It answers its probes, greets a WebSocket and starts from the AOT cache trained in the build.
 */
class ImageIT {

    private static String image;
    private static ChatContainer container;

    @BeforeAll
    static void start() throws InterruptedException {
        image = Podman.image("chat.image");
        container = ChatContainer.start(image, "chat-image-it", "-Xlog:aot");
        container.join("/chat/lobby?name=first", Duration.ofSeconds(60)).close();
    }

    @AfterAll
    static void remove() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void itAnswersItsProbesAndGreetsAWebSocket() throws InterruptedException {
        assertEquals(200, Http.get(container.base(), "/q/health/ready").statusCode());
        assertEquals(200, Http.get(container.base(), "/q/health/live").statusCode());
        try (ChatClient alice = ChatClient.join(container.base(), "/")) {
            alice.send("hello from the image");
            alice.awaitText("hello from the image");
        }
    }

    @Test
    void itServesThePageAndTheLab() {
        assertTrue(Http.get(container.base(), "/").body().contains("<title>chat</title>"), "the chat page");
        var lab = Http.get(container.base(), "/lab/");
        assertEquals(200, lab.statusCode());
        assertTrue(lab.body().contains("<title>Lab</title>") && lab.body().contains("src=\"main.js\""), "the lab's page");
    }

    @Test
    void itRunsAsUser185WithOnlyTmpWritable() {
        assertEquals(ChatDeployment.read().runAsUser() + "", container.exec("id", "-u"));
        assertEquals("0", container.exec("id", "-g"), "group 0, as on OpenShift");
        assertEquals("true", container.inspect("{{.HostConfig.ReadonlyRootfs}}"));
        assertEquals(String.valueOf(512L << 20), container.inspect("{{.HostConfig.Memory}}"));
        assertNotEquals(0, container.tryExec("touch", "/deployments/written").exit(), "the root is read-only");
        assertNotEquals(0, container.tryExec("touch", "/home/default/written").exit(), "so is the user's home");
        assertEquals(0, container.tryExec("touch", "/tmp/written").exit(), "/tmp is writable");
        assertFalse(container.logs().contains("Read-only file system"), "the service itself writes nowhere else");
    }

    @Test
    void itStartsFromTheAotCacheTheBuildTrained() {
        String log = container.logs();
        assertTrue(log.contains("[aot] Opened AOT cache /deployments/app.aot."), "the JVM opened the image's cache");
        assertTrue(log.contains("Using AOT-linked classes: true"), "and linked its classes from it");
        assertFalse(log.contains("Unable to use AOT cache"), log);
    }

    /**
     * Time from {@code podman start} to the first welcome, with the cache and with the JVM told to ignore it;
     * the figures go to the README. The cache's use is asserted from the JVM's log, not from these times.
     */
    @Test
    void startupToTheFirstWelcomeWithAndWithoutTheCache() throws InterruptedException {
        List<Long> cached = startups("-Xlog:aot");
        List<Long> uncached = startups("-XX:AOTMode=off -Xlog:aot");
        Figures.record("startup to first welcome, with AOT cache: %s ms (median %d ms)", cached, median(cached));
        Figures.record("startup to first welcome, without (-XX:AOTMode=off): %s ms (median %d ms)", uncached, median(uncached));
    }

    /**
     * The application's own classes are a layer of their own above the dependencies, so a rebuild after a code
     * change ships that layer, the generated Quarkus metadata and the AOT cache (which is trained on the code),
     * not the dependencies or the base.
     */
    @Test
    void theApplicationsOwnLayerIsSmallAndApartFromTheDependencies() throws Exception {
        JsonNode history = new ObjectMapper().readTree(Podman.run("history", "--format", "json", image));
        Map<String, Long> layers = new LinkedHashMap<>();
        for (JsonNode layer : history) {
            String createdBy = layer.path("CreatedBy").asText();
            int in = createdBy.lastIndexOf(" in /deployments/");
            if (in >= 0) {
                layers.put(createdBy.substring(in + 4).trim(), layer.path("size").asLong());
            } else if (createdBy.contains("aot-training.sh")) {
                layers.put("AOT cache (/deployments/app.aot)", layer.path("size").asLong());
            }
        }
        long total = Long.parseLong(Podman.run("image", "inspect", "--format", "{{.Size}}", image));
        Figures.record("image %s: %.1f MB in %s layers", image, total / 1e6,
                Podman.run("image", "inspect", "--format", "{{len .RootFS.Layers}}", image));
        layers.forEach((what, size) -> Figures.record("  layer %s: %.2f MB", what, size / 1e6));
        assertTrue(layers.get("/deployments/lib/") > 10_000_000, "the dependencies are a layer of their own");
        assertTrue(layers.get("/deployments/app/") < 1_000_000, "the application's classes are under 1 MB");
    }

    private static List<Long> startups(String jvmOptions) throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (ChatContainer timed = ChatContainer.create(image, "chat-image-startup", jvmOptions)) {
                long started = System.nanoTime();
                timed.start();
                ChatContainer.joinAt(timed.base(), "/chat/lobby?name=timer", Duration.ofSeconds(60)).close();
                millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                boolean off = jvmOptions.contains("AOTMode=off");
                assertEquals(!off, timed.logs().contains("Opened AOT cache"), "the cache is used exactly when allowed");
            }
        }
        return millis;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
