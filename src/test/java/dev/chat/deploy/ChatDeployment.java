package dev.chat.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** What k8s/chat-deployment.yaml and application.properties say about running the image. */
record ChatDeployment(Deployment deployment, Properties settings) {

    static ChatDeployment read() {
        try (InputStream manifest = Files.newInputStream(Path.of("k8s", "chat-deployment.yaml"));
                InputStream properties = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            Properties settings = new Properties();
            settings.load(properties);
            return new ChatDeployment(new KubernetesSerialization().unmarshal(manifest, Deployment.class), settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Container container() {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    long runAsUser() {
        return deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
    }

    long terminationGracePeriodSeconds() {
        return deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    }

    /** The memory limit in podman's notation (512Mi is 512m). */
    String memoryLimit() {
        return container().getResources().getLimits().get("memory").toString().replace("Mi", "m").replace("Gi", "g");
    }

    int containerPort() {
        return container().getPorts().get(0).getContainerPort();
    }

    String javaOptions() {
        return container().getEnv().stream().filter(e -> e.getName().equals("JAVA_OPTS_APPEND")).map(EnvVar::getValue)
                .findFirst().orElseThrow().trim();
    }

    Duration shutdownDelay() {
        return seconds("quarkus.shutdown.delay");
    }

    Duration drainWindow() {
        return seconds("chat.drain.window");
    }

    private Duration seconds(String key) {
        return Duration.ofSeconds(Long.parseLong(settings.getProperty(key).replace("s", "")));
    }
}
