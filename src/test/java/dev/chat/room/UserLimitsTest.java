package dev.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.TokenIssuer;
import dev.chat.support.TokenProfile;
import dev.chat.support.Urls;
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

    /** With the limit at 3: three waiting long polls are three connections, so a fourth of any kind is refused. */
    @Test
    void longPollsCountAsConnections() throws Exception {
        TokenIssuer issuer = TokenProfile.issuer();
        String poller = issuer.token("poller", 60);
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(Http.CLIENT.sendAsync(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/open-poll" + i + "/messages?since=0&wait=20"))
                    .header("Authorization", "Bearer " + poller).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(1000);
        try {
            assertEquals(429, ChatClient.refusal(base, "/chat/lobby?access_token=" + poller, Map.of()), "a WebSocket");
            assertEquals(429, Http.get(base, "/api/rooms/lobby/events?access_token=" + poller).statusCode(), "an event stream");
            assertEquals(429, Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/lobby/messages?since=0&wait=1"))
                    .header("Authorization", "Bearer " + poller)).statusCode(), "a fourth long poll");
        } finally {
            String waker = issuer.token("waker", 60);
            for (int i = 0; i < 3; i++) {
                Http.post(base, "/api/rooms/open-poll" + i + "/messages", "application/json", "{\"text\":\"wake up\"}",
                        Map.of("Authorization", "Bearer " + waker));
            }
        }
        for (CompletableFuture<HttpResponse<String>> poll : waiting) {
            assertEquals(200, poll.get(10, TimeUnit.SECONDS).statusCode());
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> ChatClient.refusal(base, "/chat/lobby?access_token=" + poller, Map.of()) == 101);
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
