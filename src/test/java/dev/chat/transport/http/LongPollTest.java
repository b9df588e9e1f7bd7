package dev.chat.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LongPollTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aLongPollIsHeldUntilAMessageArrives() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture
                .supplyAsync(() -> Http.get(base, "/api/rooms/long-poll/messages?since=0&wait=10"));
        Thread.sleep(300);
        assertTrue(!waiting.isDone(), "nothing to answer yet");

        Http.postJson(base, "/api/rooms/long-poll/messages", Map.of("name", "bob", "text", "wake up"));
        HttpResponse<String> answer = waiting.get();
        assertEquals(200, answer.statusCode());
        JsonNode poll = Http.body(answer);
        assertEquals("wake up", poll.get("messages").get(0).get("text").asText());
        assertEquals(1, poll.get("lastSeq").asLong());
    }

    @Test
    void aLongPollThatHasNewsAlreadyAnswersAtOnce() {
        Http.postJson(base, "/api/rooms/long-poll-ready/messages", Map.of("name", "bob", "text", "already here"));
        long started = System.nanoTime();
        HttpResponse<String> answer = Http.get(base, "/api/rooms/long-poll-ready/messages?since=0&wait=20");
        assertEquals(200, answer.statusCode());
        assertTrue(System.nanoTime() - started < 5_000_000_000L);
    }

    @Test
    void aLongPollWithNothingNewEndsWith204AfterWait() {
        long started = System.nanoTime();
        HttpResponse<String> answer = Http.get(base, "/api/rooms/long-poll-quiet/messages?since=0&wait=1");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(204, answer.statusCode());
        assertTrue(tookMillis >= 900 && tookMillis < 5000, "took " + tookMillis + " ms");
    }
}
