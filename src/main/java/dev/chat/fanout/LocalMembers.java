package dev.chat.fanout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The members this instance holds, by room, and which people it holds there: a verified user (uid) in
 * token mode, a name in open mode. A person counts once however many connections it has, so a second tab
 * does not announce its owner twice; anonymous listeners count not at all. A room is kept only while it has members here. Who is online across instances is
 * presence's business.
 */
@ApplicationScoped
public class LocalMembers {

    private final ConcurrentMap<String, RoomMembers> rooms = new ConcurrentHashMap<>();
    private final List<Consumer<String>> opened = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> emptied = new CopyOnWriteArrayList<>();

    /** Called with a room each time it gets its first member here. */
    public void onOpened(Consumer<String> listener) {
        opened.add(listener);
    }

    /** Called with a room each time its last member here leaves. */
    public void onEmptied(Consumer<String> listener) {
        emptied.add(listener);
    }

    public Collection<Member> of(String room) {
        RoomMembers members = rooms.get(room);
        return members == null ? List.of() : members.connections;
    }

    /** Every member this instance holds, in every room. */
    public Stream<Member> all() {
        return rooms.values().stream().flatMap(members -> members.connections.stream());
    }

    /** Adds the member; the change says whether its person just came online here. */
    public PresenceChange add(Member member) {
        while (true) {
            RoomMembers members = rooms.computeIfAbsent(member.room(), room -> new RoomMembers());
            PresenceChange change;
            boolean firstHere;
            synchronized (members) {
                // Emptied and forgotten since the lookup: the room gets a new entry.
                if (members.forgotten) {
                    continue;
                }
                firstHere = members.connections.isEmpty();
                members.connections.add(member);
                change = member.isAnonymous() ? new PresenceChange(false, members.names.size()) : nameCame(members, member.person());
            }
            if (firstHere) {
                opened.forEach(listener -> listener.accept(member.room()));
            }
            return change;
        }
    }

    private static PresenceChange nameCame(RoomMembers members, String name) {
        boolean first = members.names.merge(name, 1, Integer::sum) == 1;
        return new PresenceChange(first, members.names.size());
    }

    /** Removes the member; the change says whether its person just went offline here. */
    public PresenceChange remove(Member member) {
        RoomMembers members = rooms.get(member.room());
        if (members == null) {
            return new PresenceChange(false, 0);
        }
        PresenceChange change;
        boolean empty;
        synchronized (members) {
            if (!members.connections.remove(member)) {
                return new PresenceChange(false, members.names.size());
            }
            empty = members.connections.isEmpty();
            if (empty) {
                members.forgotten = true;
                rooms.remove(member.room(), members);
            }
            change = member.isAnonymous() ? new PresenceChange(false, members.names.size()) : nameLeft(members, member.person());
        }
        if (empty) {
            emptied.forEach(listener -> listener.accept(member.room()));
        }
        return change;
    }

    private static PresenceChange nameLeft(RoomMembers members, String name) {
        boolean last = members.names.merge(name, -1, Integer::sum) == 0;
        if (last) {
            members.names.remove(name);
        }
        return new PresenceChange(last, members.names.size());
    }

    /** {@code changed}: the person appeared or disappeared; {@code online}: people in the room here afterwards. */
    public record PresenceChange(boolean changed, int online) {
    }

    private static final class RoomMembers {
        final Set<Member> connections = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> names = new TreeMap<>();
        boolean forgotten;
    }

    /** Rooms with at least one member here. */
    public int roomCount() {
        return rooms.size();
    }
}
