package dev.chat.presence;

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
        Set<String> names = rooms.computeIfAbsent(room, key -> new TreeSet<>());
        int online;
        synchronized (names) {
            if (!names.add(name)) {
                return Uni.createFrom().item(names.size());
            }
            online = names.size();
            announcements.announce(PresenceNotice.joined(room, name, online));
        }
        return Uni.createFrom().item(online);
    }

    @Override
    public Uni<Integer> leave(String room, String name) {
        Set<String> names = rooms.get(room);
        if (names == null) {
            return Uni.createFrom().item(0);
        }
        int online;
        synchronized (names) {
            if (!names.remove(name)) {
                return Uni.createFrom().item(names.size());
            }
            online = names.size();
            announcements.announce(PresenceNotice.left(room, name, online));
        }
        return Uni.createFrom().item(online);
    }

    @Override
    public Uni<List<String>> names(String room) {
        Set<String> names = rooms.get(room);
        if (names == null) {
            return Uni.createFrom().item(List.of());
        }
        synchronized (names) {
            return Uni.createFrom().item(List.copyOf(names));
        }
    }
}
