package dev.chat.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.wire.PresenceNotice;
import io.smallrye.mutiny.Uni;

/** One instance: the names it holds are the room's whole presence, and nothing can die without a goodbye. */
@ApplicationScoped
@Typed(MemoryPresence.class)
public class MemoryPresence implements Presence {

    private final ConcurrentMap<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final Announcements announcements;

    MemoryPresence(Announcements announcements) {
        this.announcements = announcements;
    }

    @Override
    public Uni<Integer> join(String room, String name) {
        int[] online = new int[1];
        // Announced inside the update, so notices of one room go out in the order of its changes.
        rooms.compute(room, (key, names) -> {
            Set<String> held = names == null ? new TreeSet<>() : names;
            if (held.add(name)) {
                announcements.announce(PresenceNotice.joined(room, name, held.size()));
            }
            online[0] = held.size();
            return held;
        });
        return Uni.createFrom().item(online[0]);
    }

    /** The room is forgotten with its last name: a room costs nothing once nobody is in it. */
    @Override
    public Uni<Integer> leave(String room, String name) {
        int[] online = new int[1];
        rooms.computeIfPresent(room, (key, held) -> {
            if (held.remove(name)) {
                announcements.announce(PresenceNotice.left(room, name, held.size()));
            }
            online[0] = held.size();
            return held.isEmpty() ? null : held;
        });
        return Uni.createFrom().item(online[0]);
    }

    @Override
    public Uni<List<String>> names(String room) {
        List<List<String>> copy = new ArrayList<>(1);
        rooms.computeIfPresent(room, (key, held) -> {
            copy.add(List.copyOf(held));
            return held;
        });
        return Uni.createFrom().item(copy.isEmpty() ? List.of() : copy.get(0));
    }
}
