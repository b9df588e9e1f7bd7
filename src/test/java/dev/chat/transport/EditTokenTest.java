package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.TokenIssuer;
import dev.chat.support.TokenProfile;
import dev.chat.support.Urls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Editing in token mode: the author is the token's user on any of their connections and over HTTP, a
 * moderator may edit any message, and anyone else is refused as {@code forbidden}.
 */
@QuarkusTest
@TestProfile(TokenProfile.class)
class EditTokenTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theAuthorOnAnyDeviceOrAModeratorEditsAndNobodyElse() throws Exception {
        TokenIssuer issuer = TokenProfile.issuer();
        String room = "team-edit";
        String alice = issuer.token("alice", 60, List.of(room));
        String mallory = issuer.token("mallory", 60, List.of(room));
        try (ChatClient phone = ChatClient.join(base, "/chat/" + room + "?access_token=" + alice);
                ChatClient laptop = ChatClient.join(base, "/chat/" + room + "?access_token=" + alice);
                ChatClient intruder = ChatClient.join(base, "/chat/" + room + "?access_token=" + mallory)) {
            phone.send("helo");
            long seq = intruder.awaitText("helo").get("seq").asLong();
            laptop.awaitText("helo");
            phone.awaitText("helo");

            laptop.sendJson(Map.of("type", "edit", "seq", seq, "text", "hello"));
            assertEquals("hello", intruder.expect("edit").get("text").asText(), "the same user on another device");

            intruder.sendJson(Map.of("type", "edit", "seq", seq, "text", "pwned", "ref", "m1"));
            assertEquals("forbidden", intruder.expect("error").get("code").asText());
            Thread.sleep(600); // past chat.edit.interval: a refused edit counts too
            assertEquals(403, patch(room, seq, "pwned", mallory).statusCode());

            Thread.sleep(600); // past chat.edit.interval since the laptop's edit
            HttpResponse<String> byAuthor = patch(room, seq, "hello, world", alice);
            assertEquals(200, byAuthor.statusCode(), byAuthor.body());
            assertEquals("edit", Http.body(byAuthor).get("type").asText());
            assertEquals("hello, world", intruder.expect("edit").get("text").asText());

            HttpResponse<String> byModerator = patch(room, seq, "[edited by a moderator]", issuer.moderator("mod", 60));
            assertEquals(200, byModerator.statusCode(), byModerator.body());
            assertEquals("hello", phone.expect("edit").get("text").asText());
            assertEquals("hello, world", phone.expect("edit").get("text").asText());
            assertEquals("[edited by a moderator]", phone.expect("edit").get("text").asText());

            Thread.sleep(600);
            assertEquals(404, patch(room, 999, "x", alice).statusCode());
            assertEquals(400, Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/" + room + "/messages/first"))
                    .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}"))).statusCode());
            assertEquals(401, patch(room, seq, "x", null).statusCode());

            JsonNode stored = Http.body(Http.send(HttpRequest.newBuilder(Urls.http(base, "/api/rooms/" + room + "/messages"))
                    .header("Authorization", "Bearer " + alice))).get("messages").get(0);
            assertEquals("[edited by a moderator]", stored.get("text").asText());
            assertEquals("alice", stored.get("uid").asText(), "still alice's message");
        }
    }

    private HttpResponse<String> patch(String room, long seq, String text, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Urls.http(base, "/api/rooms/" + room + "/messages/" + seq))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Http.json(Map.of("text", text))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }
}
