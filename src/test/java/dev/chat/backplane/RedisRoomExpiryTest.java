package dev.chat.backplane;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.support.RedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisRoomExpiryTest.ShortExpiry.class)
class RedisRoomExpiryTest extends RoomExpiryContract {

    public static class ShortExpiry extends RedisProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("chat.rooms.idle-expiry", IDLE_EXPIRY.toMillis() + "ms");
            return config;
        }
    }

    @Test
    void everyWriteGivesTheRoomsKeysTheIdleExpiry() {
        String room = newRoom();
        post(room, "hello");
        for (String key : new String[] { "meta", "history" }) {
            long ttl = Long.parseLong(RedisProfile.server().command("PTTL chat:room:{" + room + "}:" + key).substring(1));
            assertTrue(ttl > 0 && ttl <= IDLE_EXPIRY.toMillis(), key + " expires in " + ttl + " ms");
        }
    }
}
