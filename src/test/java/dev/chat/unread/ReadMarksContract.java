package dev.chat.unread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chat.backplane.Backplane;
import dev.chat.fanout.Member;
import dev.chat.message.Post;
import dev.chat.message.Rejection;
import dev.chat.message.Resume;
import dev.chat.room.Rooms;
import dev.chat.support.Collected;

/** The rules written on {@link ReadMarks}, proved the same way against every implementation. */
abstract class ReadMarksContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ReadMarks marks;

    @Inject
    Backplane backplane;

    @Inject
    Rooms rooms;

    @Test
    void aMarkMovesOnlyForwardAndOnlyTheUsersOwnConnectionsInTheRoomAreTold() {
        String room = roomWith(3);
        Collected phone = join(room, "Alice", "uid-alice");
        Collected laptop = join(room, "Alice", "uid-alice");
        Collected bob = join(room, "Bob", "uid-bob");
        Collected elsewhere = join(roomWith(3), "Alice", "uid-alice");

        assertEquals(2L, mark(room, "uid-alice", 2));
        assertEquals(2, phone.await("read", 1).get(0).get("seq").asLong());
        assertEquals(room, laptop.await("read", 1).get(0).get("room").asText());

        assertEquals(2L, mark(room, "uid-alice", 1), "a mark never moves back");
        assertEquals(2L, mark(room, "uid-alice", 2), "nor is it told again when it does not move");
        assertEquals(3L, mark(room, "uid-alice", 3));
        assertEquals(2, phone.await("read", 2).size());
        assertEquals(3, phone.ofType("read").get(1).get("seq").asLong());

        assertEquals(3L, markOf(room, "uid-alice"));
        assertNull(markOf(room, "uid-bob"), "no mark until the user marks one");
        assertTrue(bob.ofType("read").isEmpty(), "nobody else sees anyone's mark");
        assertTrue(elsewhere.ofType("read").isEmpty(), "a mark is the room's own");
        assertEquals(2, laptop.ofType("read").size(), "each move reaches each connection once");
    }

    @Test
    void aSeqPastTheLastMessageIsRefusedAndChangesNothing() {
        String room = roomWith(2);
        mark(room, "uid-carol", 1);

        PastTheEnd refused = assertThrows(PastTheEnd.class, () -> mark(room, "uid-carol", 3));
        assertEquals(Rejection.BAD_REQUEST, refused.rejection());
        assertEquals(2, refused.lastSeq());
        assertEquals(1L, markOf(room, "uid-carol"));

        String empty = "read-" + UUID.randomUUID().toString().substring(0, 8);
        assertThrows(PastTheEnd.class, () -> mark(empty, "uid-carol", 1), "a room without messages has nothing to read");
        assertNull(markOf(empty, "uid-carol"));
    }

    @Test
    void eachUserHasAMarkOfTheirOwnInEachRoom() {
        String first = roomWith(5);
        String second = roomWith(5);
        mark(first, "uid-dan", 4);
        mark(second, "uid-dan", 1);
        mark(first, "uid-eve", 5);

        assertEquals(4L, markOf(first, "uid-dan"));
        assertEquals(1L, markOf(second, "uid-dan"));
        assertEquals(5L, markOf(first, "uid-eve"));
        assertNull(markOf(second, "uid-eve"));
    }

    private Long mark(String room, String uid, long seq) {
        return marks.mark(room, uid, seq).await().atMost(WAIT);
    }

    private Long markOf(String room, String uid) {
        return marks.markOf(room, uid).await().atMost(WAIT);
    }

    private String roomWith(int messages) {
        String room = "read-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= messages; i++) {
            backplane.publish(new Post(room, "writer", "message " + i, null)).await().atMost(WAIT);
        }
        return room;
    }

    private Collected join(String room, String name, String uid) {
        Collected frames = new Collected();
        rooms.join(new Member(room, name, uid, frames), Resume.NONE, null).await().atMost(WAIT);
        return frames;
    }
}
