package dev.chat.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.RedisServer;
import dev.chat.support.ServiceInstance;
import dev.chat.support.SseClient;
import dev.chat.support.TokenIssuer;
import dev.chat.support.Urls;

/**
 * Two instances of the packaged service in token mode on one Redis: a user's read mark set on one
 * instance reaches that user's other devices on the other, and nobody else; welcome and room info on
 * either instance carry it.
 */
class ReadMarksScaleOutIT {

    private static TokenIssuer issuer;
    private static RedisServer redis;
    private static ServiceInstance a;
    private static ServiceInstance b;

    @BeforeAll
    static void startCluster() {
        issuer = TokenIssuer.start();
        redis = RedisServer.start();
        Map<String, String> config = new HashMap<>(issuer.serviceConfig());
        config.putAll(Map.of("chat.backplane", "redis", "quarkus.redis.hosts", redis.uri(),
                "chat.presence.heartbeat", "500ms", "chat.presence.expiry", "2s"));
        a = ServiceInstance.start("read-a", config);
        b = ServiceInstance.start("read-b", config);
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    static void stopCluster() {
        Conversation.stopAll(a, b, redis, issuer);
    }

    @Test
    void aMarkOnOneInstanceReachesTheUsersDevicesOnTheOtherAndNobodyElse() {
        String room = "read-" + System.nanoTime();
        String alice = issuer.token("alice", 120, List.of("read-*"));
        String bob = issuer.token("bob", 120, List.of("read-*"));
        try (ChatClient phoneOnA = ChatClient.join(a.base(), path(room, alice));
                ChatClient laptopOnB = ChatClient.join(b.base(), path(room, alice));
                SseClient streamOnB = SseClient.open(b.base(), "/api/rooms/" + room + "/events?access_token=" + alice);
                ChatClient bobOnB = ChatClient.join(b.base(), path(room, bob))) {
            streamOnB.next("welcome");
            for (int i = 1; i <= 3; i++) {
                bobOnB.send("m" + i);
            }
            bobOnB.awaitText("m3");
            phoneOnA.awaitText("m3");
            laptopOnB.awaitText("m3");

            phoneOnA.sendJson(Map.of("type", "read", "seq", 2));
            JsonNode told = laptopOnB.expect("read");
            assertEquals(room, told.get("room").asText());
            assertEquals(2, told.get("seq").asLong());
            assertEquals(2, streamOnB.next("read").json().get("seq").asLong());
            assertEquals(2, nextRead(phoneOnA), "the phone hears its own mark moved");

            JsonNode info = info(b, room, alice);
            assertEquals(2, info.get("read").asLong());
            assertEquals(1, info.get("unread").asLong());

            assertEquals(204, Http.post(b.base(), "/api/rooms/" + room + "/read", "application/json", "{\"seq\":3}",
                    Map.of("Authorization", "Bearer " + alice)).statusCode());
            assertEquals(3, nextRead(phoneOnA), "from B back to the phone on A");
            assertTrue(bobOnB.drain(500).stream().noneMatch(frame -> "read".equals(frame.path("type").asText())),
                    "bob never sees alice's marks");
        }
        try (ChatClient again = ChatClient.connect(a.base(), path(room, alice))) {
            assertEquals(3, again.expect("welcome").get("read").asLong());
        }
    }

    private static long nextRead(ChatClient client) {
        JsonNode frame;
        while (!(frame = client.expectAny("read", "message")).path("type").asText().equals("read")) {
            // a live message
        }
        return frame.get("seq").asLong();
    }

    private static String path(String room, String token) {
        return "/chat/" + room + "?access_token=" + token;
    }

    private static JsonNode info(ServiceInstance instance, String room, String token) {
        return Http.body(Http.send(HttpRequest.newBuilder(Urls.http(instance.base(), "/api/rooms/" + room))
                .header("Authorization", "Bearer " + token).GET()));
    }
}
