package dev.chat.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.fanout.Member;
import dev.chat.message.Resume;
import dev.chat.room.Rooms;
import dev.chat.support.Collected;
import dev.chat.wire.TypingNotice;

/** The rules written on {@link Typing}, proved the same way against every implementation. */
abstract class TypingContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Typing typing;

    @Inject
    Rooms rooms;

    @Test
    void aNoticeReachesEveryoneInTheRoomButTheTyperAndNoOneElse() {
        String room = newRoom();
        Collected alice = join(room, "alice", null);
        Collected bob = join(room, "bob", null);
        Collected carol = join(newRoom(), "carol", null);

        typing.relay(new TypingNotice(room, "alice", null));

        JsonNode notice = bob.await("typing", 1).get(0);
        assertEquals(room, notice.get("room").asText());
        assertEquals("alice", notice.get("name").asText());
        assertFalse(notice.has("uid"), "no uid in open mode");
        assertFalse(notice.has("seq"), "typing is not stored");
        assertTrue(alice.ofType("typing").isEmpty(), "the typer is not told");
        assertTrue(carol.ofType("typing").isEmpty(), "another room is not told");
    }

    @Test
    void withUidsTheTypersOtherDevicesAreNotToldButANamesakeIs() {
        String room = newRoom();
        Collected phone = join(room, "Alice", "uid-alice");
        Collected laptop = join(room, "Alice", "uid-alice");
        Collected namesake = join(room, "Alice", "uid-other");

        typing.relay(new TypingNotice(room, "Alice", "uid-alice"));

        assertEquals("uid-alice", namesake.await("typing", 1).get(0).get("uid").asText());
        assertTrue(phone.ofType("typing").isEmpty());
        assertTrue(laptop.ofType("typing").isEmpty());
    }

    @Test
    void eachNoticeArrivesOnce() {
        String room = newRoom();
        Collected bob = join(room, "bob", null);
        List<String> typists = List.of("ann", "cid", "dee");

        typists.forEach(name -> typing.relay(new TypingNotice(room, name, null)));

        assertEquals(typists, bob.await("typing", 3).stream().map(notice -> notice.get("name").asText()).sorted().toList());
        join(room, "eve", null);
        assertEquals(3, bob.ofType("typing").size());
    }

    private Collected join(String room, String name, String uid) {
        Collected frames = new Collected();
        rooms.join(new Member(room, name, uid, frames), Resume.NONE, null).await().atMost(WAIT);
        return frames;
    }

    private static String newRoom() {
        return "typing-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
