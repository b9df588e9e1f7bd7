package dev.chat.room;

import dev.chat.message.DisplayName;
import dev.chat.message.Resume;
import dev.chat.message.RoomName;

/**
 * The room, name and resume position a client asks for, checked once at the door. Every transport
 * builds it from the path and query and answers 400 when {@link #problem()} is not null.
 */
public record JoinRequest(String room, String name, Resume resume, String problem) {

    public static JoinRequest of(String room, String name, String since, String epoch) {
        if (!RoomName.isValid(room)) {
            return invalid("room must match [a-z0-9][a-z0-9_-]{0,63}");
        }
        String resolved = DisplayName.resolve(name);
        if (resolved == null) {
            return invalid("name must be 1-32 letters, digits, spaces, '_', '-' or '.'");
        }
        Long position;
        try {
            position = since == null || since.isEmpty() ? null : Long.parseLong(since);
        } catch (NumberFormatException e) {
            return invalid("since must be a message seq");
        }
        if (position != null && position < 0) {
            return invalid("since must be a message seq");
        }
        return new JoinRequest(room, resolved, new Resume(position, epoch), null);
    }

    private static JoinRequest invalid(String problem) {
        return new JoinRequest(null, null, null, problem);
    }

    /** The same request from a client that gave no name: it only listens, and nobody is announced. */
    public JoinRequest anonymous() {
        return new JoinRequest(room, null, resume, problem);
    }

    public boolean isValid() {
        return problem == null;
    }
}
