package dev.chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * {@code k8s/redis-cluster/}, the overlay that puts the chat on a Redis Cluster, read as the Kubernetes
 * types it claims to be: six nodes in cluster mode made three masters with a replica each, and a chat
 * that takes all of them as seeds and waits for a replica before acknowledging.
 */
class RedisClusterManifestsTest {

    private static final Path OVERLAY = Path.of("k8s", "redis-cluster");

    @Test
    void sixNodesRunInClusterModeAndAnnounceStableNames() throws IOException {
        StatefulSet nodes = only(StatefulSet.class, "redis-cluster.yaml");
        assertEquals(6, nodes.getSpec().getReplicas());
        String command = String.join(" ", nodes.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertTrue(command.contains("--cluster-enabled yes"), command);
        assertTrue(command.contains("--appendonly yes"), command);
        assertTrue(command.contains("--cluster-announce-hostname"), command);
        assertTrue(command.contains("--cluster-require-full-coverage no"), command);
        assertTrue(command.contains("--min-replicas-to-write 1"), command);
        Service headless = only(Service.class, "redis-cluster.yaml");
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(nodes.getSpec().getServiceName(), headless.getMetadata().getName());
    }

    @Test
    void theJobMakesThreeMastersWithAReplicaEach() throws IOException {
        Job create = only(Job.class, "redis-cluster-create.yaml");
        String script = String.join(" ", create.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertTrue(script.contains("--cluster create"), script);
        assertTrue(script.contains("--cluster-replicas 1"), script);
        assertTrue(script.contains("for i in 0 1 2 3 4 5"), "one address per StatefulSet pod: " + script);
    }

    @Test
    void theChatSeedsFromEveryNodeAndWaitsForAReplica() throws IOException {
        Container chat = only(Deployment.class, "chat-on-cluster.yaml").getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = chat.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        assertEquals("cluster", env.get("QUARKUS_REDIS_CLIENT_TYPE"));
        assertEquals("1", env.get("CHAT_REDIS_ACK_REPLICAS"));
        List<String> seeds = Arrays.stream(env.get("QUARKUS_REDIS_HOSTS").trim().split(",")).toList();
        assertEquals(6, seeds.size());
        for (int i = 0; i < 6; i++) {
            assertEquals("redis://redis-cluster-" + i + ".redis-cluster:6379", seeds.get(i));
        }
    }

    @Test
    void theOverlayReplacesTheSingleRedis() throws IOException {
        String kustomization = Files.readString(OVERLAY.resolve("kustomization.yaml"));
        for (String part : List.of("../", "redis-cluster.yaml", "redis-cluster-create.yaml", "chat-on-cluster.yaml",
                "no-single-redis.yaml")) {
            assertTrue(kustomization.contains(part), part);
        }
        String deletion = Files.readString(OVERLAY.resolve("no-single-redis.yaml"));
        assertEquals(2, deletion.split("\\$patch: delete").length - 1);
    }

    private static <T extends HasMetadata> T only(Class<T> type, String file) throws IOException {
        List<HasMetadata> parsed = new ArrayList<>();
        try (InputStream in = Files.newInputStream(OVERLAY.resolve(file))) {
            parsed.addAll(KubernetesManifestsTest.parse(in));
        }
        List<T> found = parsed.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " in " + file);
        return found.get(0);
    }
}
