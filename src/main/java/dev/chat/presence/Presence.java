package dev.chat.presence;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Who is online in each room, across every instance. A name is online in a room while at least one live
 * instance holds a connection under it there; anonymous listeners never count.
 *
 * <p>Rules every implementation keeps:
 * <ul>
 * <li>Each instance reports only its own transitions: {@link #join} when its first connection under a name
 * enters a room, {@link #leave} when its last one goes. Both complete with the room's online count after
 * the change.</li>
 * <li>When a name comes online in a room, or goes offline there, every instance's
 * {@code FanOut.announce} is called once with the {@code join} or {@code leave} notice, addressed to the
 * members not under that name.</li>
 * <li>An instance that stops without a goodbye keeps its names online for at most
 * {@code chat.presence.expiry} plus one {@code chat.presence.heartbeat}; then they leave, announced as above.</li>
 * </ul>
 */
public interface Presence {

    Uni<Integer> join(String room, String name);

    Uni<Integer> leave(String room, String name);

    /** The names online in the room, sorted. */
    Uni<List<String>> names(String room);

    default Uni<Integer> online(String room) {
        return names(room).map(List::size);
    }
}
