package dev.chat.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.TokenIssuer;
import dev.chat.support.TokenProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A connection lives as long as its token: it ends at {@code exp}, unless an in-band refresh came first. */
@QuarkusTest
@TestProfile(TokenProfile.class)
class TokenLifetimeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void atExpiryTheSocketClosesWith1008AndTheEventStreamEndsThenAFreshTokenResumesWithNothingLost() {
        TokenIssuer issuer = TokenProfile.issuer();
        String room = "open-expiry";
        ChatClient socket = ChatClient.connect(base, "/chat/" + room + "?access_token=" + issuer.token("gina", 3));
        long lastSeq = socket.expect("welcome").get("lastSeq").asLong();
        try (SseClient stream = SseClient.open(base, "/api/rooms/" + room + "/events?access_token=" + issuer.token("hal", 3))) {
            stream.next("welcome");
            socket.expectClose(1008);
            stream.awaitEnd();
        }

        String talker = issuer.token("ivan", 60);
        for (int i = 1; i <= 3; i++) {
            Http.post(base, "/api/rooms/" + room + "/messages", "application/json", Http.json(Map.of("text", "while away " + i)),
                    Map.of("Authorization", "Bearer " + talker));
        }
        try (ChatClient back = ChatClient.connect(base,
                "/chat/" + room + "?since=" + lastSeq + "&access_token=" + issuer.token("gina", 60))) {
            back.expect("welcome");
            assertEquals(List.of("while away 1", "while away 2", "while away 3"),
                    back.messages(3).stream().map(message -> message.get("text").asText()).toList());
        }
    }

    @Test
    void aRefreshForTheSameUserKeepsTheSocketPastItsFirstExpiry() throws InterruptedException {
        TokenIssuer issuer = TokenProfile.issuer();
        try (ChatClient socket = ChatClient.connect(base, "/chat/open-refresh?access_token=" + issuer.token("jane", 3))) {
            long firstExp = socket.expect("welcome").get("exp").asLong();
            String fresh = issuer.token("jane", 120);
            socket.sendJson(Map.of("type", "refresh", "token", fresh));
            JsonNode refreshed = socket.expect("refreshed");
            assertTrue(refreshed.get("exp").asLong() > firstExp + 60, refreshed.toString());
            Thread.sleep(Duration.ofSeconds(5).toMillis());
            assertTrue(socket.isOpen(), "still open past the first token's exp");
            socket.send("still here");
            assertEquals("jane", socket.awaitText("still here").get("uid").asText());
        }
    }

    @Test
    void aRefreshForAnotherUserIsRefusedAndNeverChangesWhoSpeaks() {
        TokenIssuer issuer = TokenProfile.issuer();
        try (ChatClient socket = ChatClient.connect(base, "/chat/open-takeover?access_token=" + issuer.token("kate", 60))) {
            socket.expect("welcome");
            socket.sendJson(Map.of("type", "refresh", "token", issuer.token("admin", 600), "ref", "r1"));
            JsonNode refused = socket.expect("error");
            assertEquals("forbidden", refused.get("code").asText());
            assertEquals("r1", refused.get("ref").asText());
            socket.sendJson(Map.of("type", "refresh", "token", issuer.unsigned("kate", 600)));
            assertEquals("unauthorized", socket.expect("error").get("code").asText());
            socket.send("who am I");
            JsonNode message = socket.awaitText("who am I");
            assertEquals("kate", message.get("uid").asText());
            assertEquals("kate", message.get("from").asText());
        }
    }

    @Test
    void aFloodOfForgedRefreshesIsRateLimitedThenClosedWhileTheRoomTalksOn() {
        TokenIssuer issuer = TokenProfile.issuer();
        try (ChatClient hostile = ChatClient.join(base, "/chat/open-forgery?access_token=" + issuer.token("forger", 60));
                ChatClient bystander = ChatClient.join(base, "/chat/open-forgery?access_token=" + issuer.token("honest", 60))) {
            String forged = issuer.unsigned("forger", 600);
            int sent = 0;
            while (sent < 200 && hostile.trySend("{\"type\":\"refresh\",\"token\":\"" + forged + "\"}")) {
                sent++;
            }
            hostile.expectClose(1008);
            bystander.send("business as usual");
            assertEquals("honest", bystander.awaitText("business as usual").get("uid").asText());
        }
    }

    @Test
    void aRefreshedTokenThatNoLongerGrantsTheRoomLeavesIt() {
        TokenIssuer issuer = TokenProfile.issuer();
        try (ChatClient socket = ChatClient.connect(base,
                "/chat/team-gold?access_token=" + issuer.token("liam", 60, List.of("team-gold")))) {
            socket.expect("welcome");
            socket.sendJson(Map.of("type", "refresh", "token", issuer.token("liam", 60, List.of("team-silver"))));
            socket.expectClose(1008);
        }
        assertEquals(403, ChatClient.refusal(base, "/chat/team-gold?access_token=" + issuer.token("liam", 60,
                List.of("team-silver")), Map.of()));
    }
}
