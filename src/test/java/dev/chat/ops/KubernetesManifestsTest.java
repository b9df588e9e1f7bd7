package dev.chat.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.chat.support.Http;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code k8s/} read as the Kubernetes types it claims to be, and held against the service: every probe
 * answers on the real app, ports line up, the pods run under the "restricted" profile, and the drain
 * fits in the grace period.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static List<HasMetadata> resources;
    private static Properties settings;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void read() throws IOException {
        resources = new ArrayList<>();
        for (Path file : manifests()) {
            try (InputStream in = Files.newInputStream(file)) {
                resources.addAll(parse(in));
            }
        }
        settings = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            settings.load(in);
        }
    }

    @Test
    void everyFieldIsOneTheKubernetesTypesKnow() {
        assertEquals(Set.of("Deployment/chat", "Service/chat", "PodDisruptionBudget/chat", "Ingress/chat",
                "Deployment/redis", "Service/redis"),
                resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).collect(Collectors.toSet()));
        for (HasMetadata resource : resources) {
            assertEquals(List.of(), UnknownFields.in(resource), resource.getKind() + " " + resource.getMetadata().getName());
        }
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = new ObjectMapper(new YAMLFactory()).readTree(K8S.resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.get("resources").forEach(name -> listed.add(name.asText()));
        assertEquals(manifests().stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)),
                listed);
    }

    @Test
    void kubectlRendersTheKustomization() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", K8S.toString()).redirectErrorStream(true).start();
        String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kubectl.exitValue(), rendered);
        List<HasMetadata> objects = parse(new java.io.ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)));
        assertEquals(resources.size(), objects.size());
        assertTrue(objects.stream().allMatch(o -> "chat".equals(o.getMetadata().getLabels().get("app.kubernetes.io/part-of"))));
    }

    @Test
    void everyProbeAnswersOnTheRealAppAtTheContainersPort() {
        Container chat = container(deployment("chat"));
        int port = Integer.parseInt(settings.getProperty("quarkus.http.port"));
        assertEquals(port, port(chat, "http").getContainerPort());
        for (Probe probe : List.of(chat.getStartupProbe(), chat.getReadinessProbe(), chat.getLivenessProbe())) {
            assertNotNull(probe);
            assertEquals(port, probe.getHttpGet().getPort().getIntVal(), "a number, which podman kube play resolves too");
            assertEquals(200, Http.get(base, probe.getHttpGet().getPath()).statusCode(), probe.getHttpGet().getPath());
        }
    }

    @Test
    void thePodsRunUnderTheRestrictedProfile() {
        for (Deployment deployment : List.of(deployment("chat"), deployment("redis"))) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertTrue(pod.getSecurityContext().getRunAsNonRoot());
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                String name = container.getName();
                assertFalse(security.getAllowPrivilegeEscalation(), name);
                assertTrue(security.getReadOnlyRootFilesystem(), name);
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), name);
                assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                        && pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null)),
                        name + " has a writable /tmp");
                assertNotNull(container.getResources().getLimits().get("memory"), name);
                assertNotNull(container.getResources().getRequests().get("cpu"), name);
            }
        }
    }

    @Test
    void theImageRunsAsTheUserThePodExpects() throws IOException {
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        Long user = deployment("chat").getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
        assertTrue(dockerfile.contains("\nUSER " + user + "\n"), "Dockerfile.jvm runs as " + user);
        assertTrue(dockerfile.contains("\nEXPOSE " + settings.getProperty("quarkus.http.port") + "\n"));
    }

    @Test
    void preStopAndTheDrainFitInTheGracePeriod() {
        PodSpec pod = deployment("chat").getSpec().getTemplate().getSpec();
        List<String> preStop = container(deployment("chat")).getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("sleep", preStop.get(0));
        long preStopSeconds = Long.parseLong(preStop.get(1));
        Duration delay = seconds(settings.getProperty("quarkus.shutdown.delay"));
        Duration timeout = seconds(settings.getProperty("quarkus.shutdown.timeout", "0s"));
        Duration window = seconds(settings.getProperty("chat.drain.window"));
        assertEquals("true", settings.getProperty("quarkus.shutdown.delay-enabled"));
        assertTrue(window.compareTo(delay) < 0, "connections are closed while readiness is already down");
        long needed = preStopSeconds + delay.plus(timeout).toSeconds();
        assertTrue(needed < pod.getTerminationGracePeriodSeconds(),
                needed + " s of drain in a grace period of " + pod.getTerminationGracePeriodSeconds() + " s");
    }

    @Test
    void theJvmFitsItsMemoryLimit() {
        Container chat = container(deployment("chat"));
        long limit = Quantity.getAmountInBytes(chat.getResources().getLimits().get("memory")).longValue();
        String options = env(chat, "JAVA_OPTS_APPEND");
        long heap = limit * Long.parseLong(flag(options, "-XX:MaxRAMPercentage=(\\d+)")) / 100;
        long direct = Long.parseLong(flag(options, "-XX:MaxDirectMemorySize=(\\d+)m")) << 20;
        assertTrue(heap + direct + (64L << 20) <= limit, "heap, direct buffers and 64 MiB of metaspace and code fit");
        assertTrue(options.contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
    }

    @Test
    void forwardedAddressesCountOnlyFromTheIngressController() {
        Container chat = container(deployment("chat"));
        assertEquals("true", env(chat, "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
        assertEquals("true", env(chat, "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"));
        String trusted = env(chat, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
        assertTrue(trusted != null && !trusted.isBlank() && !trusted.contains("0.0.0.0/0"),
                "a bounded set of trusted proxies: " + trusted);
    }

    @Test
    void theReplicasShareOneRedisAndTheServicesReachTheirPods() {
        Deployment chatPods = deployment("chat");
        Container chat = container(chatPods);
        Map<String, String> podLabels = chatPods.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(chatPods.getSpec().getReplicas() >= 2);
        assertEquals("redis", env(chat, "CHAT_BACKPLANE"));

        Service redis = service("redis");
        Container redisContainer = container(deployment("redis"));
        int redisPort = redis.getSpec().getPorts().get(0).getPort();
        assertEquals("redis://" + redis.getMetadata().getName() + ":" + redisPort, env(chat, "QUARKUS_REDIS_HOSTS"));
        assertEquals(redisPort, port(redisContainer, redis.getSpec().getPorts().get(0).getTargetPort().getStrVal())
                .getContainerPort());
        assertTrue(deployment("redis").getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(redis.getSpec().getSelector().entrySet()));

        Service service = service("chat");
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        IntOrString target = service.getSpec().getPorts().get(0).getTargetPort();
        assertNotNull(port(chat, target.getStrVal()));

        PodDisruptionBudget budget = (PodDisruptionBudget) find("PodDisruptionBudget", "chat");
        assertTrue(podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
        assertTrue(budget.getSpec().getMinAvailable().getIntVal() < chatPods.getSpec().getReplicas());

        Ingress ingress = (Ingress) find("Ingress", "chat");
        IngressServiceBackend backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService();
        assertEquals("chat", backend.getName());
        assertEquals(service.getSpec().getPorts().get(0).getName(), backend.getPort().getName());
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")) >= 3600);
        assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout")) >= 3600);
        assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"), "SSE is not buffered");
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList();
        }
    }

    static List<HasMetadata> parse(InputStream in) {
        Object parsed = SERIALIZATION.unmarshal(in);
        if (parsed instanceof KubernetesList list) {
            return list.getItems();
        }
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        return List.of((HasMetadata) parsed);
    }

    private static HasMetadata find(String kind, String name) {
        return resources.stream().filter(r -> r.getKind().equals(kind) && r.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Deployment deployment(String name) {
        return (Deployment) find("Deployment", name);
    }

    private static Service service(String name) {
        return (Service) find("Service", name);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name));
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
    }

    private static String flag(String options, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(options);
        assertTrue(matcher.find(), pattern + " in " + options);
        return matcher.group(1);
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value.replace("s", "")));
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
