package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.Pollers;
import dev.chat.support.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Whatever transport a message comes in on, every member on every transport gets it once, in seq order. */
@QuarkusTest
class CrossTransportTest {

    private static final String ROOM = "matrix";
    private static final int EACH = 5;

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyReceiverOnEveryTransportSeesEverySendersMessagesOnceInOrder() throws Exception {
        try (ChatClient webSocketSender = ChatClient.join(base, "/chat/" + ROOM + "?name=ws-sender");
                ChatClient webSocketReader = ChatClient.join(base, "/chat/" + ROOM + "?name=ws-reader");
                SseClient sseReader = SseClient.open(base, "/api/rooms/" + ROOM + "/events?name=sse-reader")) {
            sseReader.next("welcome");
            CompletableFuture<List<JsonNode>> longPolled = CompletableFuture.supplyAsync(() -> Pollers.longPoll(base, ROOM, 2 * EACH));
            CompletableFuture<List<JsonNode>> polled = CompletableFuture.supplyAsync(() -> Pollers.poll(base, ROOM, 2 * EACH));

            for (int i = 0; i < EACH; i++) {
                webSocketSender.sendJson(Map.of("text", "over websocket " + i));
                Http.postJson(base, "/api/rooms/" + ROOM + "/messages", Map.of("name", "http-sender", "text", "over http " + i));
            }

            List<String> expected = lines(webSocketSender.messages(2 * EACH));
            assertEquals(2 * EACH, expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(i + 1, Long.parseLong(expected.get(i).split(" ", 2)[0]), "seq has no holes");
            }
            assertEquals(expected, lines(webSocketReader.messages(2 * EACH)), "WebSocket");
            assertEquals(expected, lines(sseReader.messages(2 * EACH).stream().map(SseClient.Event::json).toList()), "SSE");
            assertEquals(expected, lines(longPolled.get()), "long polling");
            assertEquals(expected, lines(polled.get()), "polling");
        }
    }

    private static List<String> lines(List<JsonNode> messages) {
        List<String> lines = new ArrayList<>();
        for (JsonNode message : messages) {
            lines.add(message.get("seq").asLong() + " " + message.get("from").asText() + ": " + message.get("text").asText());
        }
        return lines;
    }
}
