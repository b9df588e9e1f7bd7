package dev.chat.redis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.mutiny.core.Vertx;

/**
 * The {@link RedisTopology} that {@code quarkus.redis.client-type} names: {@code standalone} (the
 * default), {@code sentinel} (the hosts are sentinels, {@code quarkus.redis.master-name} the master) or
 * {@code cluster} (the hosts are seeds). Created only with {@code chat.backplane=redis}.
 */
@ApplicationScoped
class RedisTopologies {

    @Produces
    @ApplicationScoped
    RedisTopology topology(Vertx vertx, RedisConfig config,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String type,
            @ConfigProperty(name = "quarkus.redis.master-name", defaultValue = "mymaster") String masterName,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password) {
        List<String> nodes = Arrays.stream(hosts.orElseThrow(() -> new IllegalStateException(
                "chat.backplane=redis needs quarkus.redis.hosts (QUARKUS_REDIS_HOSTS=redis://host:6379)")).split(","))
                .map(String::trim).filter(host -> !host.isEmpty()).toList();
        NodeAddress like = NodeAddress.like(nodes.get(0));
        NodeAddress address = like.userInfo() == null && password.isPresent()
                ? new NodeAddress(like.scheme(), ":" + password.get()) : like;
        return switch (type.toLowerCase()) {
            case "cluster" -> new ClusterTopology(vertx, nodes, address, config.timeout());
            case "sentinel" -> new SentinelTopology(vertx, nodes, masterName, address, config.timeout());
            case "standalone" -> new StandaloneTopology(withPassword(nodes.get(0), like, address));
            default -> throw new IllegalStateException("quarkus.redis.client-type=" + type
                    + " is not supported by the chat backplane; use standalone, sentinel or cluster");
        };
    }

    private static String withPassword(String host, NodeAddress like, NodeAddress address) {
        if (like.userInfo() != null || address.userInfo() == null) {
            return host;
        }
        int schemeEnd = host.indexOf("://");
        return schemeEnd < 0 ? host : host.substring(0, schemeEnd + 3) + address.userInfo() + "@" + host.substring(schemeEnd + 3);
    }
}
