package dev.chat.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.chat.support.AppBackend;
import dev.chat.support.AsyncApiContract;
import dev.chat.support.ChatClient;
import dev.chat.support.HooksProfile;
import dev.chat.support.Http;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What the service sends the application, captured by the application, holds to the AsyncAPI document. */
@QuarkusTest
@TestProfile(HooksProfile.class)
class HookContractTest {

    private static final String PUBLISH = "{publishUrl}";
    private static final String EVENTS = "{eventsUrl}";

    @TestHTTPResource("/")
    URI base;

    @Test
    void publishChecksAndEventBatchesValidateAgainstTheDocument() {
        AsyncApiContract contract = AsyncApiContract.served(base, "/q/asyncapi", "open");
        AppBackend backend = HooksProfile.backend();
        String room = "hook-contract";
        try (ChatClient alice = ChatClient.join(base, "/chat/" + room + "?name=alice")) {
            alice.sendJson(Map.of("text", "plain", "ref", "p1"));
            alice.awaitText("plain");
            alice.send("rewrite it");
            alice.awaitText("rewritten by the application");
            alice.sendJson(Map.of("text", "reject it", "ref", "p2"));
            contract.sentOn("/chat/{room}", alice.expect("error"));
            Http.post(base, "/api/rooms/" + room + "/messages", "application/json",
                    Http.json(Map.of("name", "System", "text", "from the key")), Map.of("X-API-Key", HooksProfile.API_KEY));
            alice.awaitText("from the key");
            Http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "api/rooms/" + room + "/messages/1"))
                    .header("X-API-Key", HooksProfile.API_KEY).DELETE());
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> backend.events().stream()
                .anyMatch(event -> event.get("room").asText().equals(room) && event.get("type").asText().equals("leave")));

        backend.calls("/publish").forEach(call -> contract.sentOn(PUBLISH, "publishCheck", call.json()));
        backend.calls("/events").forEach(call -> contract.sentOn(EVENTS, "eventBatch", call.json()));
        assertEquals(java.util.List.of(), contract.violations());
        assertEquals(Set.of(), contract.unseenOn(PUBLISH));
        assertEquals(Set.of(), contract.unseenOn(EVENTS));
    }
}
