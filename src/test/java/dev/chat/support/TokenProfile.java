package dev.chat.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service in {@code chat.auth.mode=token}, verifying against a {@link TokenIssuer} of the test's own.
 * {@code lobby} and {@code open-*} are public; three connections per user, so the limit is quick to reach.
 */
public class TokenProfile implements QuarkusTestProfile {

    private static volatile TokenIssuer issuer;

    public static TokenIssuer issuer() {
        return issuer;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("chat.auth.public-rooms", "lobby,open-*",
                "chat.auth.connections-per-user", "3",
                // Both logs on file, so a test can read that no token reaches them.
                "quarkus.http.access-log.enabled", "true",
                "quarkus.http.access-log.log-to-file", "true",
                "quarkus.http.access-log.log-directory", "target/token-mode",
                "quarkus.http.access-log.base-file-name", "access",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", "target/token-mode/service.log",
                "quarkus.log.category.\"dev.chat\".level", "DEBUG");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            issuer = TokenIssuer.start();
            return issuer.serviceConfig();
        }

        @Override
        public void stop() {
            if (issuer != null) {
                issuer.close();
            }
        }
    }
}
