package dev.chat.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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

/** Moderators, and only they, delete messages for everyone and disconnect users from every transport. */
@QuarkusTest
@TestProfile(TokenProfile.class)
class ModerationTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void onlyAModeratorMayDeleteOrDisconnect() {
        TokenIssuer issuer = TokenProfile.issuer();
        assertEquals(401, delete("/api/rooms/lobby/messages/1", null).statusCode());
        assertEquals(403, delete("/api/rooms/lobby/messages/1", issuer.token("pat", 60)).statusCode());
        assertEquals(401, delete("/api/users/pat/connections", null).statusCode());
        assertEquals(403, delete("/api/users/pat/connections", issuer.token("pat", 60)).statusCode());
        assertEquals(404, delete("/api/rooms/open-never-used/messages/7", issuer.moderator("mod", 60)).statusCode());
        assertEquals(400, delete("/api/rooms/lobby/messages/first", issuer.moderator("mod", 60)).statusCode());
    }

    @Test
    void aDeletionReachesEveryMemberAndReplayKeepsATombstone() {
        TokenIssuer issuer = TokenProfile.issuer();
        String room = "team-moderated";
        String member = issuer.token("quinn", 60, List.of(room));
        try (ChatClient socket = ChatClient.join(base, "/chat/" + room + "?access_token=" + member);
                SseClient stream = SseClient.open(base, "/api/rooms/" + room + "/events?access_token="
                        + issuer.token("rita", 60, List.of(room)))) {
            stream.next("welcome");
            for (String text : List.of("fine", "rude", "fine again")) {
                socket.send(text);
                socket.awaitText(text);
            }
            long rude = stream.messages(3).get(1).json().get("seq").asLong();

            assertEquals(204, delete("/api/rooms/" + room + "/messages/" + rude, issuer.moderator("mod", 60)).statusCode());
            JsonNode deletion = socket.expect("delete");
            assertEquals(room, deletion.get("room").asText());
            assertEquals(rude, deletion.get("seq").asLong());
            assertEquals(rude, stream.next("delete").json().get("seq").asLong());
        }
        try (ChatClient late = ChatClient.join(base, "/chat/" + room + "?since=0&access_token=" + member)) {
            List<JsonNode> replay = late.messages(3);
            assertEquals("fine", replay.get(0).get("text").asText());
            assertTrue(replay.get(1).get("deleted").asBoolean(), replay.get(1).toString());
            assertFalse(replay.get(1).has("text"), "a tombstone keeps no text");
            assertEquals("fine again", replay.get(2).get("text").asText());
        }
        JsonNode polled = Http.body(Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/" + room + "/messages?since=0"))
                .header("Authorization", "Bearer " + member)));
        assertTrue(polled.get("messages").get(1).get("deleted").asBoolean());
    }

    /**
     * A member away while a moderator deleted something it already holds learns of it when it comes back: a
     * {@code delete} after its replay on a socket or a stream, {@code deleted} in a poll, and a waiting long
     * poll is answered by the deletion.
     */
    @Test
    void aResumePastADeletionIsToldOfItOnEveryTransport() throws Exception {
        TokenIssuer issuer = TokenProfile.issuer();
        String room = "team-away";
        String member = issuer.token("sam", 60, List.of(room));
        long rude;
        try (ChatClient socket = ChatClient.join(base, "/chat/" + room + "?access_token=" + member)) {
            for (String text : List.of("fine", "rude", "fine again")) {
                socket.send(text);
                socket.awaitText(text);
            }
            rude = 2;
        }
        String heldUpTo = "since=3&epoch=" + epochOf(room, member);
        CompletableFuture<HttpResponse<String>> waiting = Http.CLIENT.sendAsync(HttpRequest.newBuilder(
                Urls.http(base, "/api/rooms/" + room + "/messages?" + heldUpTo + "&wait=20"))
                .header("Authorization", "Bearer " + member).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000);
        assertEquals(204, delete("/api/rooms/" + room + "/messages/" + rude, issuer.moderator("mod", 60)).statusCode());
        HttpResponse<String> woken = waiting.get(10, TimeUnit.SECONDS);
        assertEquals(200, woken.statusCode(), "the waiting long poll is answered by the deletion");
        assertEquals(rude, Http.body(woken).get("deleted").get(0).asLong());

        try (ChatClient back = ChatClient.join(base, "/chat/" + room + "?" + heldUpTo + "&access_token=" + member)) {
            assertEquals(rude, back.expect("delete").get("seq").asLong(), "the socket is told");
        }
        try (SseClient back = SseClient.open(base, "/api/rooms/" + room + "/events?" + heldUpTo + "&access_token=" + member)) {
            back.next("welcome");
            assertEquals(rude, back.next("delete").json().get("seq").asLong(), "the stream is told");
        }
        JsonNode polled = poll(room, heldUpTo, member);
        assertEquals(0, polled.get("messages").size());
        assertEquals(List.of(rude), List.of(polled.get("deleted").get(0).asLong()), "the poll is told: " + polled);
        assertFalse(poll(room, "since=1", member).has("deleted"), "a replay across it carries the tombstone instead");
    }

    private JsonNode poll(String room, String query, String token) {
        return Http.body(Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/" + room + "/messages?" + query))
                .header("Authorization", "Bearer " + token)));
    }

    private String epochOf(String room, String token) {
        return poll(room, "since=0", token).get("epoch").asText();
    }

    @Test
    void aDisconnectedUserLosesEveryConnectionAndEveryoneElseStays() {
        TokenIssuer issuer = TokenProfile.issuer();
        String troll = issuer.token("troll", 60);
        try (ChatClient first = ChatClient.join(base, "/chat/lobby?access_token=" + troll);
                ChatClient second = ChatClient.join(base, "/chat/open-elsewhere?access_token=" + troll);
                SseClient stream = SseClient.open(base, "/api/rooms/lobby/events?access_token=" + troll);
                ChatClient bystander = ChatClient.join(base, "/chat/lobby?access_token=" + issuer.token("sam", 60))) {
            stream.next("welcome");
            assertEquals(204, delete("/api/users/troll/connections", issuer.moderator("mod", 60)).statusCode());
            first.expectClose(1008);
            second.expectClose(1008);
            stream.awaitEnd();
            bystander.send("peace at last");
            assertEquals("sam", bystander.awaitText("peace at last").get("uid").asText());
            assertTrue(bystander.isOpen());
        }
    }

    @Test
    void theModerationApiIsInTheOpenApiDocument() {
        String document = Http.get(base, "/q/openapi").body();
        assertTrue(document.contains("/api/rooms/{room}/messages/{seq}"), document);
        assertTrue(document.contains("/api/users/{sub}/connections"), document);
        assertTrue(document.contains("Delete a message (moderators)"));
    }

    private HttpResponse<String> delete(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Urls.http(base, path)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }
}
