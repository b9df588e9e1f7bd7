package dev.chat.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service behind a real Sentinel: the sentinel as its only host, the master found through it. */
public class RedisSentinelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return RedisProfile.onRedis(Map.of("quarkus.redis.client-type", "sentinel",
                "quarkus.redis.master-name", RedisSentinel.MASTER_NAME, "chat.redis.ack-replicas", "1"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private RedisSentinel sentinel;

        @Override
        public Map<String, String> start() {
            sentinel = RedisSentinel.start();
            return Map.of("quarkus.redis.hosts", sentinel.hosts());
        }

        @Override
        public void stop() {
            if (sentinel != null) {
                sentinel.close();
            }
        }
    }
}
