package dev.chat.support;

import java.util.List;
import java.util.Map;

/** Token mode ({@link TokenProfile}) on the Redis backplane ({@link RedisProfile}), each with its own real server. */
public class RedisTokenProfile extends TokenProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return RedisProfile.onRedis(super.getConfigOverrides());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TokenProfile.Resource.class), new TestResourceEntry(RedisProfile.Resource.class));
    }
}
