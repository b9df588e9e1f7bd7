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
                "chat.auth.connections-per-user", "3");
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
