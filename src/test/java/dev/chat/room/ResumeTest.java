package dev.chat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.support.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A client that comes back gets exactly what it missed. (Tests run with a history of 20 and a replay of 5.) */
@QuarkusTest
class ResumeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void resumingWithSinceReplaysEverythingAfterIt() {
        String epoch;
        try (ChatClient alice = ChatClient.connect(base, "/chat/resume?name=alice")) {
            epoch = alice.expect("welcome").get("epoch").asText();
            send(alice, 1, 8);
        }
        try (ChatClient alice = ChatClient.connect(base, "/chat/resume?name=alice&since=3&epoch=" + epoch)) {
            JsonNode welcome = alice.expect("welcome");
            assertEquals(8, welcome.get("lastSeq").asLong());
            assertEquals(List.of(4L, 5L, 6L, 7L, 8L), seqs(alice.messages(5)));
            alice.send("live");
            assertEquals(9, alice.expect("message").get("seq").asLong());
        }
    }

    @Test
    void joiningWithoutSinceReplaysTheLastFew() {
        try (ChatClient alice = ChatClient.join(base, "/chat/replay?name=alice")) {
            send(alice, 1, 12);
        }
        try (ChatClient bob = ChatClient.join(base, "/chat/replay?name=bob")) {
            assertEquals(List.of(8L, 9L, 10L, 11L, 12L), seqs(bob.messages(5)));
        }
    }

    @Test
    void messagesNoLongerRetainedAreAnnouncedAsAGap() {
        try (ChatClient alice = ChatClient.join(base, "/chat/evicted?name=alice");
                ChatClient bob = ChatClient.join(base, "/chat/evicted?name=bob")) {
            send(alice, 1, 13);
            bob.messages(13);
            send(bob, 14, 25);
        }
        try (ChatClient carol = ChatClient.connect(base, "/chat/evicted?name=carol&since=2")) {
            carol.expect("welcome");
            JsonNode gap = carol.expect("gap");
            assertEquals(3, gap.get("from").asLong());
            assertEquals(5, gap.get("to").asLong());
            List<JsonNode> replayed = carol.messages(20);
            assertEquals(6, replayed.get(0).get("seq").asLong());
            assertEquals(25, replayed.get(19).get("seq").asLong());
        }
    }

    @Test
    void aPositionFromAnotherHistoryIsResetNotTrusted() {
        try (ChatClient alice = ChatClient.join(base, "/chat/epochs?name=alice")) {
            send(alice, 1, 3);
        }
        try (ChatClient alice = ChatClient.connect(base, "/chat/epochs?name=alice&since=2&epoch=earlier")) {
            alice.expect("welcome");
            JsonNode gap = alice.expect("gap");
            assertTrue(gap.get("reset").asBoolean(), gap.toString());
            assertEquals(List.of(1L, 2L, 3L), seqs(alice.messages(3)));
        }
        try (ChatClient alice = ChatClient.connect(base, "/chat/epochs?name=alice&since=99")) {
            alice.expect("welcome");
            assertTrue(alice.expect("gap").get("reset").asBoolean());
        }
    }

    private static void send(ChatClient client, int from, int to) {
        for (int i = from; i <= to; i++) {
            client.send("m" + i);
            assertEquals("m" + i, client.expect("message").get("text").asText());
        }
    }

    private static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("seq").asLong()).toList();
    }
}
