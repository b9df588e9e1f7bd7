package dev.chat.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebSocketChatTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theFirstFrameIsTheWelcome() {
        try (ChatClient alice = ChatClient.connect(base, "/chat/welcome-room?name=alice")) {
            JsonNode welcome = alice.next();
            assertEquals("welcome", welcome.get("type").asText());
            assertEquals("Welcome", welcome.get("text").asText());
            assertEquals("welcome-room", welcome.get("room").asText());
            assertEquals("alice", welcome.get("name").asText());
            assertEquals(0, welcome.get("lastSeq").asLong());
            assertEquals(1, welcome.get("online").asInt());
            assertTrue(welcome.get("timestamp").asLong() > 0);
        }
    }

    @Test
    void upgradingTheRootJoinsTheLobbyUnderAGuestName() {
        try (ChatClient guest = ChatClient.connect(base, "/")) {
            JsonNode welcome = guest.next();
            assertEquals("lobby", welcome.get("room").asText());
            assertTrue(welcome.get("name").asText().matches("guest-[a-z0-9]{4}"), welcome.toString());
        }
    }

    @Test
    void aMessageReachesEveryMemberOfTheRoomAndNoOneElse() throws Exception {
        try (ChatClient alice = ChatClient.join(base, "/chat/broadcast?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/broadcast?name=bob");
                ChatClient carol = ChatClient.join(base, "/chat/elsewhere?name=carol")) {
            alice.sendJson(Map.of("text", "Hello", "ref", "c1"));

            JsonNode toAlice = alice.expect("message");
            JsonNode toBob = bob.expect("message");
            assertEquals(toAlice, toBob);
            assertEquals("broadcast", toBob.get("room").asText());
            assertEquals(1, toBob.get("seq").asLong());
            assertEquals("alice", toBob.get("from").asText());
            assertEquals("Hello", toBob.get("text").asText());
            assertEquals("c1", toBob.get("ref").asText());
            assertTrue(toBob.get("timestamp").asLong() > 0);
            carol.expectNoMessage(300);
        }
    }

    @Test
    void theServerStampsTheSenderAndIgnoresAClaimedOne() {
        try (ChatClient mallory = ChatClient.join(base, "/chat/spoof?name=mallory")) {
            mallory.sendJson(Map.of("text", "I am the admin", "from", "admin", "timestamp", 1));
            JsonNode message = mallory.expect("message");
            assertEquals("mallory", message.get("from").asText());
            assertTrue(message.get("timestamp").asLong() > 1);
            assertFalse(message.has("ref"));
        }
    }

    @Test
    void aFrameThatIsNotAJsonObjectIsTheTextItself() {
        try (ChatClient console = ChatClient.join(base, "/chat/plain?name=console")) {
            console.send("Hello");
            assertEquals("Hello", console.expect("message").get("text").asText());
            console.send("[1, 2]");
            assertEquals("[1, 2]", console.expect("message").get("text").asText());
            console.send("{not json");
            assertEquals("{not json", console.expect("message").get("text").asText());
        }
    }

    @Test
    void othersAreToldWhoJoinsAndLeaves() {
        try (ChatClient alice = ChatClient.join(base, "/chat/presence?name=alice")) {
            ChatClient bob = ChatClient.join(base, "/chat/presence?name=bob");
            JsonNode joined = alice.next();
            assertEquals("join", joined.get("type").asText());
            assertEquals("bob", joined.get("name").asText());
            assertEquals(2, joined.get("online").asInt());

            bob.close();
            JsonNode left = alice.next();
            assertEquals("leave", left.get("type").asText());
            assertEquals("bob", left.get("name").asText());
            assertEquals(1, left.get("online").asInt());
        }
    }

    @Test
    void everyMemberReceivesTheSameSequence() {
        try (ChatClient alice = ChatClient.join(base, "/chat/order?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/order?name=bob")) {
            for (int i = 0; i < 10; i++) {
                alice.send("a" + i);
                bob.send("b" + i);
            }
            var seenByAlice = alice.messages(20);
            var seenByBob = bob.messages(20);
            assertEquals(seenByAlice, seenByBob);
            for (int i = 0; i < 20; i++) {
                assertEquals(i + 1, seenByAlice.get(i).get("seq").asLong());
            }
        }
    }
}
