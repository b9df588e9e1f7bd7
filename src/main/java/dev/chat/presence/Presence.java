package dev.chat.presence;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Who is online in each room, across every instance. A person (see {@link Person}: a verified user in token
 * mode, a name in open mode) is online in a room while at least one live instance holds a connection of
 * theirs there; anonymous listeners never count.
 *
 * <p>Rules every implementation keeps:
 * <ul>
 * <li>Each instance calls {@link #join} for each connection of a person that enters a room (again is
 * harmless), and {@link #leave} when its last connection of that person there goes. Both complete with the
 * room's online count after the change.</li>
 * <li>A person shows under the name of their latest join: a second device under a new profile name renames
 * them, and announces nothing.</li>
 * <li>When a person comes online in a room, or goes offline there, every instance's {@code FanOut.announce}
 * is called once with the {@code join} or {@code leave} notice, addressed to the members who are not that
 * person.</li>
 * <li>An instance that stops without a goodbye keeps its people online for at most
 * {@code chat.presence.expiry} plus one {@code chat.presence.heartbeat}; then they leave, announced as above.</li>
 * </ul>
 */
public interface Presence {

    Uni<Integer> join(String room, Person person);

    Uni<Integer> leave(String room, Person person);

    /** The people online in the room, once each, in {@link Person#ORDER}. */
    Uni<List<Person>> people(String room);

    /** The names of the people online, in the same order; a name two people share comes twice. */
    default Uni<List<String>> names(String room) {
        return people(room).map(people -> people.stream().map(Person::name).toList());
    }

    default Uni<Integer> online(String room) {
        return people(room).map(List::size);
    }
}
