package dev.chat.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.RedisProfile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code k8s/observability/} held against the running service (on the Redis backplane, so every meter
 * exists): the manifests are the Prometheus Operator types they claim to be, every meter and label the
 * dashboard and the alert rules name is exported at {@code /q/metrics}, the scrape reaches it, and the
 * gauge the Redis alert fires on follows Redis.
 */
@QuarkusTest
@TestProfile(RedisProfile.class)
class ObservabilityTest {

    private static final Path DIR = Path.of("k8s", "observability");
    /** Labels Prometheus puts on every scraped series itself. */
    private static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "instance", "job", "service", "container",
            "endpoint");
    private static final Pattern METRIC = Pattern.compile("\\bchat_[a-z0-9_]+\\b");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*\"");
    private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)\\}");

    private static List<HasMetadata> resources;
    private static JsonNode dashboard;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void read() throws IOException {
        resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    resources.addAll(KubernetesManifestsTest.parse(in));
                }
            }
        }
        dashboard = new ObjectMapper().readTree(DIR.resolve("chat-dashboard.json").toFile());
    }

    @Test
    void theManifestsAreThePrometheusOperatorsTypesAndTheKustomizationListsThem() throws IOException {
        assertEquals(Set.of("PrometheusRule/chat", "ServiceMonitor/chat"),
                resources.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).collect(Collectors.toSet()));
        for (HasMetadata resource : resources) {
            assertEquals(List.of(), UnknownFields.in(resource), resource.getKind());
        }
        JsonNode kustomization = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.get("resources").forEach(name -> listed.add(name.asText()));
        assertEquals(Set.of("chat-alerts.yaml", "chat-servicemonitor.yaml"), listed);
        JsonNode generated = kustomization.get("configMapGenerator").get(0);
        assertEquals("chat-dashboard.json", generated.get("files").get(0).asText());
        assertEquals("1", generated.get("options").get("labels").get("grafana_dashboard").asText());
    }

    @Test
    void everyAlertSaysHowBadItIsAndWhatHappened() {
        List<Rule> rules = rules();
        assertEquals(Set.of("ChatRedisUnreachable", "ChatBackplaneErrors", "ChatSlowConsumerSpike", "ChatHookEventsStuck",
                "ChatHookEventsDropped", "ChatPublishHookFailing"),
                rules.stream().map(Rule::getAlert).collect(Collectors.toSet()));
        for (Rule rule : rules) {
            assertTrue(Set.of("critical", "warning").contains(rule.getLabels().get("severity")), rule.getAlert());
            assertTrue(rule.getFor().matches("\\d+[smh]"), rule.getAlert());
            assertFalse(rule.getAnnotations().getOrDefault("summary", "").isBlank(), rule.getAlert());
            assertFalse(rule.getAnnotations().getOrDefault("description", "").isBlank(), rule.getAlert());
        }
    }

    @Test
    void everyMeterAndLabelTheDashboardAndTheRulesNameIsExported() {
        // A message through Redis, so the meters that count messages have a series whichever test ran first.
        try (ChatClient alice = ChatClient.join(base, "/chat/observed?name=alice")) {
            alice.send("counted");
            alice.awaitText("counted");
        }
        Map<String, Set<String>> exported = exported();
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        assertTrue(expressions.size() >= 7, "a panel per meter: " + expressions);
        rules().forEach(rule -> expressions.add(rule.getExpr().getStrVal()));

        Set<String> named = new TreeSet<>();
        for (String expression : expressions) {
            Set<String> metrics = metrics(expression);
            assertFalse(metrics.isEmpty(), "names no chat meter: " + expression);
            for (String metric : metrics) {
                assertTrue(exported.containsKey(metric), metric + " is not at /q/metrics (" + expression + ")");
            }
            Set<String> available = new HashSet<>(TARGET_LABELS);
            metrics.forEach(metric -> available.addAll(exported.get(metric)));
            for (String label : labels(expression)) {
                assertTrue(available.contains(label), "no series of " + metrics + " has label " + label);
            }
            named.addAll(metrics);
        }
        assertTrue(named.containsAll(Set.of("chat_connections", "chat_messages_published_total",
                "chat_messages_delivered_total", "chat_fanout_duration_seconds_bucket", "chat_slow_consumer_disconnects_total",
                "chat_backplane_errors_total", "chat_redis_connected", "chat_backplane_rooms",
                "chat_backplane_received_total")), named.toString());
    }

    @Test
    void prometheusScrapesTheMetricsThroughTheChatService() throws IOException {
        ServiceMonitor monitor = (ServiceMonitor) resources.stream().filter(ServiceMonitor.class::isInstance).findFirst()
                .orElseThrow();
        Service service;
        try (InputStream in = Files.newInputStream(Path.of("k8s", "chat-service.yaml"))) {
            service = (Service) KubernetesManifestsTest.parse(in).get(0);
        }
        assertTrue(service.getMetadata().getLabels().entrySet()
                .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()));
        Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
        assertTrue(service.getSpec().getPorts().stream().anyMatch(port -> port.getName().equals(endpoint.getPort())));
        assertEquals(200, Http.get(base, endpoint.getPath()).statusCode());
    }

    @Test
    void theRedisGaugeFollowsRedis() {
        await().atMost(Duration.ofSeconds(10)).until(() -> redisConnected() == 1);
        RedisProfile.server().stop();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> redisConnected() == 0);
            assertEquals("unreachable", Http.body(Http.get(base, "/q/health/ready")).findValue("redis").asText());
        } finally {
            RedisProfile.server().startAgain();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> redisConnected() == 1);
    }

    private double redisConnected() {
        Matcher value = Pattern.compile("(?m)^chat_redis_connected(?:\\{[^}]*\\})? ([0-9.eE+-]+)" + MetricsTest.EXEMPLAR)
                .matcher(Http.get(base, "/q/metrics").body());
        assertTrue(value.find(), "chat_redis_connected is exported");
        return Double.parseDouble(value.group(1));
    }

    private static List<Rule> rules() {
        PrometheusRule rule = (PrometheusRule) resources.stream().filter(PrometheusRule.class::isInstance).findFirst()
                .orElseThrow();
        return rule.getSpec().getGroups().stream().flatMap(group -> group.getRules().stream()).toList();
    }

    /** Series names at /q/metrics, each with the label names its samples carry. */
    private Map<String, Set<String>> exported() {
        Map<String, Set<String>> series = new HashMap<>();
        for (String line : Http.get(base, "/q/metrics").body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            Set<String> labels = series.computeIfAbsent(name, key -> new HashSet<>());
            if (brace >= 0 && brace < space) {
                Matcher label = MATCHER.matcher(line.substring(brace, line.indexOf('}')));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        assertNotNull(series.get("chat_connections"));
        return series;
    }

    private static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(expression);
        while (metric.find()) {
            names.add(metric.group());
        }
        return names;
    }

    private static Set<String> labels(String expression) {
        Set<String> labels = new TreeSet<>();
        Matcher grouping = GROUPING.matcher(expression);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
        }
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Matcher matcher = MATCHER.matcher(selector.group(1));
            while (matcher.find()) {
                labels.add(matcher.group(1));
            }
        }
        return labels;
    }
}
