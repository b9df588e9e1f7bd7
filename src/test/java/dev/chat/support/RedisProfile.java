package dev.chat.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service on {@code chat.backplane=redis}, against a real redis-server of its own, with short presence times. */
public class RedisProfile implements QuarkusTestProfile {

    private static volatile RedisServer server;

    /** The server the running test application uses, to stop and start it under the application. */
    public static RedisServer server() {
        return server;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return onRedis(Map.of());
    }

    /** The Redis backplane with the short presence and reconnect times every Redis test uses, and this setup. */
    static Map<String, String> onRedis(Map<String, String> setup) {
        Map<String, String> config = new HashMap<>(Map.of("chat.backplane", "redis",
                "chat.presence.heartbeat", "500ms",
                "chat.presence.expiry", "2s",
                "chat.redis.reconnect-interval", "200ms"));
        config.putAll(setup);
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            server = RedisServer.start();
            return Map.of("quarkus.redis.hosts", server.uri());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }
}
