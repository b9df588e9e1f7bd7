package dev.chat.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with its publish hook and events endpoint at an {@link AppBackend} of the test's own, and a server key. */
public class HooksProfile implements QuarkusTestProfile {

    public static final String API_KEY = "test-server-key-0123456789";
    public static final String LOG = "target/hooks/service.log";
    private static volatile AppBackend backend;

    public static AppBackend backend() {
        return backend;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // The log on file at DEBUG, so a test can read that no key reaches it.
        return Map.of("chat.api.keys", "an-older-key," + API_KEY,
                "chat.hooks.publish-timeout", "1s",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG,
                "quarkus.log.category.\"dev.chat\".level", "DEBUG");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            backend = AppBackend.start();
            return new HashMap<>(backend.config());
        }

        @Override
        public void stop() {
            if (backend != null) {
                backend.close();
            }
        }
    }
}
