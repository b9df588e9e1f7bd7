package dev.chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * k8s/ (the default: the chat Deployment and one Redis) under {@code podman kube play}, changed only where a
 * single machine without a registry needs it: the images are the locally built ones, one replica, and each
 * container port is published on a free loopback port. The Redis Service becomes a network alias of the Redis
 * pod, so the chat finds it under the same name as on Kubernetes.
 */
class KubePlayIT {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Path WORK = Path.of("target", "kube-play").toAbsolutePath();
    private static final String NETWORK = "chat-kube-play";
    private static final String CHAT = "chat-pod-0-chat";
    private static final String REDIS = "redis-pod-0-redis";

    private static ChatDeployment manifest;
    private static int chatPort;
    private static Path chatYaml;
    private static Path redisYaml;

    @BeforeAll
    static void play() throws Exception {
        String image = Podman.image("chat.image");
        String redisImage = Podman.image("chat.redis-image");
        manifest = ChatDeployment.read();
        Files.createDirectories(WORK);
        tearDown();
        Podman.run("network", "create", NETWORK);
        Podman.exec(Duration.ofSeconds(30), "volume", "rm", "-f", "chat-tmp", "redis-tmp", "redis-data");

        List<HasMetadata> redisManifests = read(Path.of("k8s", "redis.yaml"));
        Deployment redis = find(redisManifests, Deployment.class);
        Service redisService = find(redisManifests, Service.class);
        redis.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(redisImage);
        publish(redis, ChatContainer.freePort());
        redisYaml = write("redis.yaml", redis);
        Podman.run("kube", "play", "--network", NETWORK + ":alias=" + redisService.getMetadata().getName(), redisYaml.toString());

        Deployment chat = manifest.deployment();
        chat.getSpec().setReplicas(1);
        chat.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        chatPort = ChatContainer.freePort();
        publish(chat, chatPort);
        chatYaml = write("chat-deployment.yaml", chat);
        Podman.run("kube", "play", "--network", NETWORK, chatYaml.toString());
    }

    @AfterAll
    static void tearDown() {
        for (Path played : new Path[] {chatYaml, redisYaml}) {
            if (played != null) {
                Podman.exec(Duration.ofMinutes(1), "kube", "down", played.toString());
            }
        }
        Podman.exec(Duration.ofMinutes(1), "pod", "rm", "-f", "-t", "0", "chat-pod-0", "redis-pod-0");
        Podman.exec(Duration.ofSeconds(30), "network", "rm", "-f", NETWORK);
    }

    /**
     * podman 4.3 makes the liveness probe the container's health check (and restarts the container when it
     * fails), but has no startup probe to hold it off while the JVM starts; so, as the kubelet would, the
     * health check runs once the startup probe's path answers.
     */
    @Test
    void bothPodsBecomeHealthyByTheirOwnProbes() throws InterruptedException {
        assertTrue(Podman.run("inspect", "--format", "{{json .Config.Healthcheck.Test}}", CHAT)
                .contains("http://localhost:" + manifest.containerPort() + "/q/health/live"), "the manifest's liveness probe");
        assertTrue(Podman.run("inspect", "--format", "{{json .Config.Healthcheck.Test}}", REDIS).contains("redis-cli"));
        assertHealthy(REDIS);
        assertHealthy(CHAT);
        assertEquals("0", Podman.run("inspect", "--format", "{{.RestartCount}}", CHAT), "never restarted by a failed probe");
    }

    @Test
    void theChatAnswersOnThePublishedPortAndKeepsItsMessagesInTheRedisPod() throws InterruptedException {
        URI base = URI.create("http://127.0.0.1:" + chatPort + "/");
        try (ChatClient alice = ChatContainer.joinAt(base, "/chat/kube?name=alice", Duration.ofSeconds(90))) {
            alice.send("stored in the redis pod");
            alice.awaitText("stored in the redis pod");
        }
        String stored = Podman.run("exec", REDIS, "redis-cli", "XRANGE", "chat:room:{kube}:history", "-", "+");
        assertTrue(stored.contains("stored in the redis pod"), stored);
    }

    @Test
    void theSecurityContextIsInForce() throws InterruptedException {
        awaitStarted();
        assertEquals(String.valueOf(manifest.runAsUser()), Podman.run("exec", CHAT, "id", "-u"));
        assertEquals("true", Podman.run("inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", CHAT));
        assertNotEquals(0, Podman.exec(Duration.ofSeconds(30), "exec", CHAT, "touch", "/deployments/written").exit());
        assertEquals(0, Podman.exec(Duration.ofSeconds(30), "exec", CHAT, "touch", "/tmp/written").exit(), "/tmp is the emptyDir");
        assertTrue(Podman.run("exec", CHAT, "grep", "CapEff", "/proc/1/status").endsWith("0000000000000000"),
                "every capability dropped");
        assertTrue(Podman.run("exec", CHAT, "grep", "NoNewPrivs", "/proc/1/status").endsWith("1"),
                "no privilege escalation");
        assertNotEquals(mounted(CHAT, "/tmp"), mounted(REDIS, "/tmp"), "each pod has a /tmp of its own");
        assertEquals("999", Podman.run("exec", REDIS, "id", "-u"));
        assertEquals("true", Podman.run("inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", REDIS));
    }

    private static String mounted(String container, String path) {
        return Podman.run("inspect", "--format", "{{range .Mounts}}{{if eq .Destination \"" + path + "\"}}{{.Name}}{{end}}{{end}}",
                container);
    }

    /** The container's own health check passes once the service is up. */
    private static void assertHealthy(String container) throws InterruptedException {
        awaitStarted();
        Podman.Result check = Podman.exec(Duration.ofSeconds(30), "healthcheck", "run", container);
        assertEquals(0, check.exit(), container + " is healthy: " + check.output()
                + Podman.exec(Duration.ofSeconds(30), "logs", "--tail", "30", container).output());
        assertEquals("healthy", Podman.run("inspect", "--format", "{{.State.Health.Status}}", container));
    }

    /** The chat's startup probe, asked through the published port until it answers, for at most 60 s. */
    private static void awaitStarted() throws InterruptedException {
        String path = manifest.container().getStartupProbe().getHttpGet().getPath();
        URI base = URI.create("http://127.0.0.1:" + chatPort + "/");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (status(base, path) != 200) {
            assertTrue(System.nanoTime() < deadline, "the chat pod started within 60 s:\n"
                    + Podman.exec(Duration.ofSeconds(30), "logs", "--tail", "30", CHAT).output());
            Thread.sleep(200);
        }
    }

    private static int status(URI base, String path) {
        try {
            return Http.get(base, path).statusCode();
        } catch (RuntimeException notYet) {
            return -1;
        }
    }

    /** Publishes the pod's first container port on loopback, where podman kube play would take 0.0.0.0. */
    private static void publish(Deployment deployment, int hostPort) {
        ContainerPort port = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0);
        port.setHostPort(hostPort);
        port.setHostIP("127.0.0.1");
    }

    private static List<HasMetadata> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = YAML.unmarshal(in);
            return parsed instanceof KubernetesList list ? list.getItems()
                    : parsed instanceof List<?> items ? items.stream().map(HasMetadata.class::cast).toList()
                    : List.of((HasMetadata) parsed);
        }
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> resources, Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
    }

    private static Path write(String name, HasMetadata resource) throws IOException {
        return Files.writeString(WORK.resolve(name), YAML.asYaml(resource));
    }
}
