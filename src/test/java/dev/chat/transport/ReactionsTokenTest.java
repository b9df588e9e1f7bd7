package dev.chat.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import dev.chat.support.Http;
import dev.chat.support.TokenProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** In token mode a person is the token's user: one reaction per emoji whatever device or transport it comes from. */
@QuarkusTest
@TestProfile(TokenProfile.class)
class ReactionsTokenTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aUserCountsOnceFromTwoDevicesAndOverHttp() {
        String ann = TokenProfile.issuer().token("ann-id", 120, List.of("react-token"));
        String ben = TokenProfile.issuer().token("ben-id", 120, List.of("react-token"));
        try (ChatClient phone = ChatClient.join(base, "/chat/react-token?access_token=" + ann);
                ChatClient laptop = ChatClient.join(base, "/chat/react-token?access_token=" + ann)) {
            phone.send("hello");
            long seq = phone.expect("message").get("seq").asLong();
            laptop.expect("message");

            phone.sendJson(Map.of("type", "react", "seq", seq, "emoji", "👍🏽"));
            assertEquals(1, laptop.expect("reactions").get("reactions").get("👍🏽").asInt());
            phone.expect("reactions");
            laptop.sendJson(Map.of("type", "react", "seq", seq, "emoji", "👍🏽"));
            assertEquals(0, phone.expect("reactions").get("reactions").size(), "the second device took the same reaction back");
            laptop.expect("reactions");

            String path = "/api/rooms/react-token/messages/" + seq + "/reactions";
            JsonNode byBen = Http.body(Http.post(base, path, "application/json", Http.json(Map.of("emoji", "👍🏽", "name", "ann")),
                    Map.of("Authorization", "Bearer " + ben)));
            assertEquals(1, byBen.get("reactions").get("👍🏽").asInt(), "the token speaks, not the name given");
            phone.expect("reactions");
            laptop.expect("reactions");
            phone.sendJson(Map.of("type", "react", "seq", seq, "emoji", "👍🏽"));
            assertEquals(2, laptop.expect("reactions").get("reactions").get("👍🏽").asInt());
            phone.expect("reactions");
            JsonNode again = Http.body(Http.post(base, path, "application/json", Http.json(Map.of("emoji", "👍🏽")),
                    Map.of("Authorization", "Bearer " + ann)));
            assertEquals(1, again.get("reactions").get("👍🏽").asInt(), "ann over HTTP is ann on her sockets");
        }
    }
}
