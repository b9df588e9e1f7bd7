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
 * Two instances of the packaged service in token mode on one Redis, trusting one identity provider:
 * identity, deletions and user disconnects behave the same wherever a client is connected.
 */
class ModerationScaleOutIT {

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
        a = ServiceInstance.start("token-a", config);
        b = ServiceInstance.start("token-b", config);
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    static void stopCluster() {
        for (AutoCloseable closeable : new AutoCloseable[] { a, b, redis, issuer }) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the next one still has to stop
            }
        }
    }

    @Test
    void aUserDisconnectedOnOneInstanceLosesItsConnectionsOnEveryInstance() {
        String troll = issuer.token("troll", 120);
        try (ChatClient onA = ChatClient.join(a.base(), "/chat/lobby?access_token=" + troll);
                ChatClient onB = ChatClient.join(b.base(), "/chat/lobby?access_token=" + troll);
                SseClient streamOnB = SseClient.open(b.base(), "/api/rooms/lobby/events?access_token=" + troll);
                ChatClient bystander = ChatClient.join(b.base(), "/chat/lobby?access_token=" + issuer.token("una", 120))) {
            streamOnB.next("welcome");
            assertEquals(204, delete(a, "/api/users/troll/connections", issuer.moderator("mod", 60)));
            onA.expectClose(1008);
            onB.expectClose(1008);
            streamOnB.awaitEnd();
            bystander.send("still here");
            assertEquals("una", bystander.awaitText("still here").get("uid").asText());
        }
    }

    @Test
    void aDeletionOnOneInstanceReachesMembersOnTheOtherAndItsReplay() {
        String room = "team-cluster";
        String member = issuer.token("vera", 120, List.of(room));
        long doomed;
        try (ChatClient onA = ChatClient.join(a.base(), "/chat/" + room + "?access_token=" + member);
                ChatClient onB = ChatClient.join(b.base(), "/chat/" + room + "?access_token=" + issuer.token("walt", 120,
                        List.of(room)))) {
            onA.send("oops");
            JsonNode seen = onB.awaitText("oops");
            assertEquals("vera", seen.get("uid").asText(), "the uid travels through Redis");
            doomed = seen.get("seq").asLong();
            onA.awaitText("oops");
            assertEquals(204, delete(a, "/api/rooms/" + room + "/messages/" + doomed, issuer.moderator("mod", 60)));
            assertEquals(doomed, onB.expect("delete").get("seq").asLong());
            assertEquals(doomed, onA.expect("delete").get("seq").asLong());
        }
        String resume = "/chat/" + room + "?since=" + (doomed - 1) + "&access_token=" + member;
        try (ChatClient late = ChatClient.join(b.base(), resume)) {
            JsonNode tombstone = late.expect("message");
            assertEquals(doomed, tombstone.get("seq").asLong());
            assertTrue(tombstone.get("deleted").asBoolean(), tombstone.toString());
        }
    }

    @Test
    void anEditOnOneInstanceReachesMembersOnTheOtherAndItsReplay() {
        String room = "team-edits";
        String author = issuer.token("xena", 120, List.of(room));
        long seq;
        try (ChatClient onA = ChatClient.join(a.base(), "/chat/" + room + "?access_token=" + author);
                ChatClient onB = ChatClient.join(b.base(), "/chat/" + room + "?access_token=" + issuer.token("yuri", 120,
                        List.of(room)))) {
            onA.send("helo");
            seq = onB.awaitText("helo").get("seq").asLong();
            onA.awaitText("helo");
            onA.sendJson(Map.of("type", "edit", "seq", seq, "text", "hello"));
            JsonNode edit = onB.expect("edit");
            assertEquals(seq, edit.get("seq").asLong());
            assertEquals("hello", edit.get("text").asText(), "the edit travels through Redis");
            assertEquals("hello", onA.expect("edit").get("text").asText());
        }
        try (ChatClient late = ChatClient.join(b.base(), "/chat/" + room + "?since=" + (seq - 1) + "&access_token=" + author)) {
            JsonNode replayed = late.expect("message");
            assertEquals("hello", replayed.get("text").asText(), replayed.toString());
            assertTrue(replayed.get("edited").asLong() > 0);
        }
    }

    private static int delete(ServiceInstance instance, String path, String token) {
        return Http.send(HttpRequest.newBuilder(Urls.http(instance.base(), path)).DELETE()
                .header("Authorization", "Bearer " + token)).statusCode();
    }
}
