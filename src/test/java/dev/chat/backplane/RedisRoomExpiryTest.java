package dev.chat.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.Http;

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

    @Test
    void pollingARoomNobodyWroteLeavesNoKeyBehind() {
        String room = newRoom();
        JsonNode read = poll(room);
        assertEquals(0, read.get("lastSeq").asLong());
        Http.get(base, "/api/rooms/" + room + "/messages?since=0&epoch=" + read.get("epoch").asText());
        assertEquals(204, Http.get(base, "/api/rooms/" + room + "/messages?since=0&wait=1").statusCode(), "a long poll too");
        assertEquals(":0", RedisProfile.server().command("EXISTS chat:room:{" + room + "}:meta chat:room:{" + room
                + "}:history chat:room:{" + room + "}:deleted"), "no key of the room exists");
    }
}
