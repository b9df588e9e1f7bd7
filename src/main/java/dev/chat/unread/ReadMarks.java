package dev.chat.unread;

import io.smallrye.mutiny.Uni;

/**
 * How far each user has read in each room, kept with the room's data: it lives as long as the room's
 * history and starts over with it (a new epoch has no marks).
 *
 * <p>Rules every implementation keeps:
 * <ul>
 * <li>A mark only moves forward and never past the room's last {@code seq}: {@link #mark} with a lower or
 * equal {@code seq} changes nothing, one past the last message fails with {@link PastTheEnd}
 * ({@code bad_request}) and changes nothing.</li>
 * <li>When a mark moves, the user's own connections in the room on every instance are told, through
 * {@code FanOut.localRead}, exactly once each; nobody else is.</li>
 * </ul>
 */
public interface ReadMarks {

    /** Moves the user's mark in the room up to {@code seq}; completes with the mark held afterwards. */
    Uni<Long> mark(String room, String uid, long seq);

    /** The user's mark in the room, null when it never marked one there (or the room started over). */
    Uni<Long> markOf(String room, String uid);
}
