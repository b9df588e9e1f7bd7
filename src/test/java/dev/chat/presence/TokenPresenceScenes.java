package dev.chat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.TokenIssuer;
import dev.chat.support.TokenProfile;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * Presence in token mode, from outside, over real sockets: a person is a verified user. A watcher reads
 * every frame in order, so a join or leave too many shows up as the wrong next frame.
 */
abstract class TokenPresenceScenes {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aSecondDeviceAnnouncesNothingAndTheLastDeviceLeavingAnnouncesTheLeave() throws InterruptedException {
        String room = newRoom();
        String ann = "ann-" + room;
        try (ChatClient watcher = ChatClient.join(base, path(room, token("watcher-" + room, null)))) {
            ChatClient phone = ChatClient.join(base, path(room, token(ann, "Ann")));
            JsonNode joined = watcher.next();
            assertEquals(List.of("join", ann, "Ann", 2), List.of(joined.get("type").asText(), joined.get("uid").asText(),
                    joined.get("name").asText(), joined.get("online").asInt()));

            ChatClient laptop = ChatClient.connect(base, path(room, token(ann, "Ann Lee")));
            assertEquals(2, laptop.expect("welcome").get("online").asInt(), "Ann counts once");
            JsonNode info = roomInfo(room, token("reader-" + room, null));
            assertEquals(2, info.get("online").asInt());
            JsonNode annOnline = people(info).stream().filter(person -> ann.equals(person.path("uid").asText())).toList().get(0);
            assertEquals("Ann Lee", annOnline.get("name").asText(), "shown under the latest name");

            phone.close();
            Thread.sleep(300);
            laptop.close();
            JsonNode left = watcher.next();
            assertEquals(List.of("leave", ann, "Ann Lee", 1), List.of(left.get("type").asText(), left.get("uid").asText(),
                    left.get("name").asText(), left.get("online").asInt()), "the next frame after the join: " + left);
        }
    }

    @Test
    void twoPeopleUnderOneNameAreTwo() {
        String room = newRoom();
        String first = "sam-1-" + room;
        String second = "sam-2-" + room;
        try (ChatClient watcher = ChatClient.join(base, path(room, token("watcher-" + room, null)))) {
            ChatClient one = ChatClient.join(base, path(room, token(first, "Sam")));
            try (ChatClient two = ChatClient.join(base, path(room, token(second, "Sam")))) {
                assertEquals(first, watcher.next().get("uid").asText());
                JsonNode joined = watcher.next();
                assertEquals(List.of("join", second, "Sam", 3), List.of(joined.get("type").asText(), joined.get("uid").asText(),
                        joined.get("name").asText(), joined.get("online").asInt()));
                List<JsonNode> sams = people(roomInfo(room, token("reader-" + room, null))).stream()
                        .filter(person -> person.get("name").asText().equals("Sam"))
                        .sorted(Comparator.comparing(person -> person.get("uid").asText())).toList();
                assertEquals(List.of(first, second), sams.stream().map(person -> person.get("uid").asText()).toList());

                one.close();
                JsonNode left = watcher.next();
                assertEquals(List.of("leave", first, 2), List.of(left.get("type").asText(), left.get("uid").asText(),
                        left.get("online").asInt()));
            }
        }
    }

    static String newRoom() {
        return "open-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String token(String sub, String name) {
        TokenIssuer issuer = TokenProfile.issuer();
        return name == null ? issuer.token(sub, 120) : issuer.sign(issuer.claims(sub, 120).claim("name", name), issuer.rsa());
    }

    static String path(String room, String token) {
        return "/chat/" + room + "?access_token=" + token;
    }

    JsonNode roomInfo(String room, String token) {
        return Http.body(Http.send(HttpRequest.newBuilder(URI.create(base + "api/rooms/" + room))
                .header("Authorization", "Bearer " + token)));
    }

    static List<JsonNode> people(JsonNode info) {
        return StreamSupport.stream(info.path("people").spliterator(), false).toList();
    }
}
