package dev.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
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

/**
 * In token mode the limits belong to the user, not to a connection: a user who opens connection after
 * connection, or spreads sends over many sockets, meets them; everyone else does not notice.
 */
@QuarkusTest
@TestProfile(TokenProfile.class)
class UserLimitsTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aUserOverItsConnectionsGets429OnEveryTransportWhileOthersStillConnect() {
        TokenIssuer issuer = TokenProfile.issuer();
        String hoarder = issuer.token("hoarder", 60);
        List<AutoCloseable> held = new ArrayList<>();
        try {
            held.add(ChatClient.join(base, "/chat/lobby?access_token=" + hoarder));
            held.add(ChatClient.join(base, "/chat/open-a?access_token=" + hoarder));
            SseClient stream = SseClient.open(base, "/api/rooms/open-b/events?access_token=" + hoarder);
            held.add(stream);
            stream.next("welcome");

            assertEquals(429, ChatClient.refusal(base, "/chat/lobby?access_token=" + hoarder, Map.of()));
            assertEquals(429, Http.get(base, "/api/rooms/lobby/events?access_token=" + hoarder).statusCode());
            try (ChatClient other = ChatClient.connect(base, "/chat/lobby?access_token=" + issuer.token("neighbour", 60))) {
                assertEquals("neighbour", other.expect("welcome").get("uid").asText());
            }

            ((ChatClient) held.remove(0)).close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> ChatClient.refusal(base, "/chat/lobby?access_token=" + hoarder, Map.of()) == 101);
        } finally {
            held.forEach(closeable -> {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // already closed
                }
            });
        }
    }

    @Test
    void theSendRateIsPerUserAcrossItsConnectionsAndOthersKeepSending() {
        TokenIssuer issuer = TokenProfile.issuer();
        String flooder = issuer.token("flooder", 60);
        try (ChatClient first = ChatClient.join(base, "/chat/open-flood?access_token=" + flooder);
                ChatClient second = ChatClient.join(base, "/chat/open-flood?access_token=" + flooder);
                ChatClient bystander = ChatClient.join(base, "/chat/open-flood?access_token=" + issuer.token("calm", 60))) {
            for (int i = 0; i < 15; i++) {
                first.send("a" + i);
                second.send("b" + i);
            }
            first.send("end-a");
            second.send("end-b");
            int refused = 0;
            for (ChatClient socket : List.of(first, second)) {
                for (JsonNode frame : socket.drain(1500)) {
                    if ("error".equals(frame.path("type").asText())) {
                        assertEquals("rate_limited", frame.get("code").asText());
                        refused++;
                    }
                }
            }
            assertTrue(refused >= 5, "one budget of 20 for 32 sends over two sockets, refused: " + refused);
            bystander.drain(200);
            bystander.send("I can still talk");
            assertEquals("calm", bystander.awaitText("I can still talk").get("uid").asText());
        }
    }
}
