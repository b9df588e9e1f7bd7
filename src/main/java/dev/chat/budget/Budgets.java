package dev.chat.budget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import dev.chat.backplane.BackplaneConfig;
import dev.chat.rules.TokenBucket;
import dev.chat.rules.UserBuckets;

/** A user's connections and message bucket: this instance's with the memory backplane, the cluster's with Redis. */
@ApplicationScoped
class Budgets {

    @Produces
    @ApplicationScoped
    ConnectionBudget connections(BackplaneConfig config, Instance<LocalConnectionBudget> local,
            Instance<RedisConnectionBudget> redis) {
        return config.backplane() == BackplaneConfig.Kind.REDIS ? redis.get() : local.get();
    }

    @Produces
    @ApplicationScoped
    UserBuckets buckets(BackplaneConfig config, Instance<RedisUserBuckets> redis) {
        return config.backplane() == BackplaneConfig.Kind.REDIS ? redis.get() : (uid, burst, perSecond) -> new TokenBucket(burst, perSecond);
    }
}
