package dev.chat.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on a real six-node Redis Cluster of its own, as a Cluster deployment runs it: the nodes as
 * seeds, and each message acknowledged only once a replica holds it.
 */
public class RedisClusterProfile implements QuarkusTestProfile {

    private static volatile RedisCluster cluster;

    public static RedisCluster cluster() {
        return cluster;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return RedisProfile.onRedis(Map.of("quarkus.redis.client-type", "cluster", "chat.redis.ack-replicas", "1"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            cluster = RedisCluster.start();
            return Map.of("quarkus.redis.hosts", cluster.hosts());
        }

        @Override
        public void stop() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
