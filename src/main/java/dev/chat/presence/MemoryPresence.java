package dev.chat.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.wire.PresenceNotice;
import io.smallrye.mutiny.Uni;

/** One instance: the people it holds are the room's whole presence, and nothing can die without a goodbye. */
@ApplicationScoped
@Typed(MemoryPresence.class)
public class MemoryPresence implements Presence {

    /** Per room, each person by {@link Person#key()}, under their latest name. */
    private final ConcurrentMap<String, Map<String, Person>> rooms = new ConcurrentHashMap<>();
    private final Announcements announcements;

    MemoryPresence(Announcements announcements) {
        this.announcements = announcements;
    }

    @Override
    public Uni<Integer> join(String room, Person person) {
        int[] online = new int[1];
        // Announced inside the update, so notices of one room go out in the order of its changes.
        rooms.compute(room, (key, people) -> {
            Map<String, Person> held = people == null ? new HashMap<>() : people;
            if (held.put(person.key(), person) == null) {
                announcements.announce(PresenceNotice.joined(room, person.name(), person.uid(), held.size()));
            }
            online[0] = held.size();
            return held;
        });
        return Uni.createFrom().item(online[0]);
    }

    /** The room is forgotten with its last person: a room costs nothing once nobody is in it. */
    @Override
    public Uni<Integer> leave(String room, Person person) {
        int[] online = new int[1];
        rooms.computeIfPresent(room, (key, held) -> {
            Person gone = held.remove(person.key());
            if (gone != null) {
                announcements.announce(PresenceNotice.left(room, gone.name(), gone.uid(), held.size()));
            }
            online[0] = held.size();
            return held.isEmpty() ? null : held;
        });
        return Uni.createFrom().item(online[0]);
    }

    @Override
    public Uni<List<Person>> people(String room) {
        List<Person> copy = new ArrayList<>();
        rooms.computeIfPresent(room, (key, held) -> {
            copy.addAll(held.values());
            return held;
        });
        copy.sort(Person.ORDER);
        return Uni.createFrom().item(copy);
    }
}
