package dev.chat.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.chat.support.Http;
import dev.chat.support.SseClient;
import dev.chat.support.Urls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Waiting clients cost no thread each: a thousand long polls and a thousand streams leave the server responsive. */
@QuarkusTest
class IdleConnectionsTest {

    private static final int EACH = 1000;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aThousandLongPollsAndAThousandStreamsWaitWhileTheServerAnswersPromptly() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < EACH; i++) {
                HttpRequest request = HttpRequest.newBuilder(Urls.http(base, "/api/rooms/idle/messages?since=0&wait=30"))
                        .timeout(Duration.ofSeconds(60)).build();
                polls.add(Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
                streams.add(SseClient.open(base, "/api/rooms/idle/events"));
            }
            for (SseClient stream : streams) {
                stream.next("welcome");
            }
            Thread.sleep(500);
            assertTrue(polls.stream().noneMatch(CompletableFuture::isDone), "the long polls are all still waiting");

            long started = System.nanoTime();
            assertEquals(200, Http.get(base, "/q/health/ready").statusCode());
            assertEquals(201, Http.postJson(base, "/api/rooms/idle/messages", Map.of("name", "waker", "text", "news")).statusCode());
            long answeredMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(answeredMillis < 2000, "answered in " + answeredMillis + " ms");

            for (CompletableFuture<HttpResponse<String>> poll : polls) {
                HttpResponse<String> response = poll.get();
                assertEquals(200, response.statusCode());
                assertTrue(response.body().contains("\"news\""));
            }
            for (SseClient stream : streams) {
                assertEquals("1", stream.next("message").id());
            }
        } finally {
            streams.forEach(SseClient::close);
        }
    }
}
