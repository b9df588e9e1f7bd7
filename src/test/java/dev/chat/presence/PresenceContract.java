package dev.chat.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The rules written on {@link Presence}, proved the same way against every implementation. */
abstract class PresenceContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Presence presence;

    @Inject
    Rooms rooms;

    @Inject
    PresenceConfig config;

    @Test
    void namesComeAndGoWithTheirCount() {
        String room = newRoom();
        assertEquals(1, presence.join(room, Person.named("bob")).await().atMost(WAIT));
        assertEquals(2, presence.join(room, Person.named("alice")).await().atMost(WAIT));
        assertEquals(List.of("alice", "bob"), presence.names(room).await().atMost(WAIT));
        assertEquals(1, presence.leave(room, Person.named("bob")).await().atMost(WAIT));
        assertEquals(List.of("alice"), presence.names(room).await().atMost(WAIT));
        assertEquals(0, presence.leave(room, Person.named("alice")).await().atMost(WAIT));
        assertEquals(0, presence.online(room).await().atMost(WAIT));
    }

    @Test
    void changesAreAnnouncedOnceToMembersNotUnderTheName() {
        String room = newRoom();
        Collected listener = listen(room);
        Collected alice = join(room, "alice");
        Collected bob = join(room, "bob");

        List<JsonNode> joins = listener.await("join", 2);
        assertEquals(List.of("alice", "bob"), joins.stream().map(j -> j.get("name").asText()).toList());
        assertEquals(List.of(1, 2), joins.stream().map(j -> j.get("online").asInt()).toList());
        assertEquals("bob", alice.await("join", 1).get(0).get("name").asText());

        presence.leave(room, Person.named("bob")).await().atMost(WAIT);
        JsonNode left = alice.await("leave", 1).get(0);
        assertEquals("bob", left.get("name").asText());
        assertEquals(1, left.get("online").asInt());
        assertEquals(1, listener.await("leave", 1).size());
        assertTrue(bob.ofType("join").stream().noneMatch(join -> join.get("name").asText().equals("bob")),
                "bob is not told about bob");
        assertTrue(bob.ofType("leave").stream().noneMatch(leave -> leave.get("name").asText().equals("bob")));
    }

    @Test
    void aRoomPastTheAnnounceLimitIsNotToldOfEachArrival() {
        String room = newRoom();
        Collected listener = listen(room);
        int limit = config.announceUpTo();
        for (int i = 1; i <= limit + 1; i++) {
            assertEquals(i, presence.join(room, Person.named("user-" + i)).await().atMost(WAIT));
        }
        presence.leave(room, Person.named("user-1")).await().atMost(WAIT);

        JsonNode left = listener.await("leave", 1).get(0);
        assertEquals(limit, left.get("online").asInt(), "back at the limit, changes are announced again");
        assertEquals(limit, listener.ofType("join").size());
        assertEquals(limit, listener.ofType("join").get(limit - 1).get("online").asInt());
    }

    @Test
    void theWelcomeCountsTheNewMember() {
        String room = newRoom();
        join(room, "alice");
        Collected bob = join(room, "bob");
        assertEquals(2, bob.ofType("welcome").get(0).get("online").asInt());
    }

    @Test
    void oneUserOnTwoDevicesIsOnePersonUnderTheLatestName() {
        String room = newRoom();
        Collected listener = listen(room);
        Member phone = member(room, "Ann", "u-ann");
        Member laptop = member(room, "Ann Lee", "u-ann");
        Collected other = join(member(room, "Ann", "u-other"));
        join(phone);
        Collected onLaptop = join(laptop);

        assertEquals(2, onLaptop.ofType("welcome").get(0).get("online").asInt(), "the laptop's welcome counts Ann once");
        assertEquals(List.of(new Person("u-ann", "Ann Lee"), new Person("u-other", "Ann")),
                presence.people(room).await().atMost(WAIT).stream().sorted(java.util.Comparator.comparing(Person::uid)).toList());
        List<JsonNode> joins = listener.await("join", 2);
        assertEquals(List.of("u-other", "u-ann"), joins.stream().map(j -> j.get("uid").asText()).toList());

        rooms.leave(phone);
        assertEquals(2, presence.online(room).await().atMost(WAIT), "the laptop is still in");
        rooms.leave(laptop);
        JsonNode left = other.await("leave", 1).get(0);
        assertEquals("u-ann", left.get("uid").asText());
        assertEquals("Ann Lee", left.get("name").asText());
        assertEquals(1, left.get("online").asInt());
        assertEquals(2, listener.ofType("join").size(), "the second device announced nothing");
        assertEquals(1, listener.await("leave", 1).size());
        assertTrue(other.ofType("join").stream().noneMatch(join -> "u-other".equals(join.path("uid").asText(null))),
                "a person is not told of their own arrival");
    }

    @Test
    void twoPeopleUnderOneNameCountAsTwo() {
        String room = newRoom();
        Collected listener = listen(room);
        Member first = member(room, "Sam", "u-sam-1");
        join(first);
        Collected second = join(member(room, "Sam", "u-sam-2"));

        List<JsonNode> joins = listener.await("join", 2);
        assertEquals(List.of(1, 2), joins.stream().map(j -> j.get("online").asInt()).toList());
        assertEquals(List.of("Sam", "Sam"), presence.names(room).await().atMost(WAIT));
        assertEquals("u-sam-2", ((Collected) first.sink()).await("join", 1).get(0).get("uid").asText(),
                "the first Sam is told of the second");

        rooms.leave(first);
        JsonNode left = second.await("leave", 1).get(0);
        assertEquals("u-sam-1", left.get("uid").asText());
        assertEquals(1, left.get("online").asInt());
        assertEquals(List.of(new Person("u-sam-2", "Sam")), presence.people(room).await().atMost(WAIT));
    }

    /** A listener, as a long poll is one: it hears the room once the history read after it has answered. */
    private Collected listen(String room) {
        Collected frames = new Collected();
        rooms.listen(room, frames);
        rooms.history(room, Resume.NONE).await().atMost(WAIT);
        return frames;
    }

    private Collected join(String room, String name) {
        Collected frames = new Collected();
        rooms.join(new Member(room, name, frames), Resume.NONE, null).await().atMost(WAIT);
        return frames;
    }

    /** A connection of a verified user, as token mode makes one. */
    private static Member member(String room, String name, String uid) {
        return new Member(room, name, uid, new Collected());
    }

    private Collected join(Member member) {
        rooms.join(member, Resume.NONE, null).await().atMost(WAIT);
        return (Collected) member.sink();
    }

    private static String newRoom() {
        return "presence-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
