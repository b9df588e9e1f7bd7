package dev.chat.message;

import java.util.regex.Pattern;

/** Room names are path segments and Redis key parts, so they are kept to a small, safe alphabet. */
public final class RoomName {

    public static final String LOBBY = "lobby";

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private RoomName() {
    }

    public static boolean isValid(String room) {
        return room != null && VALID.matcher(room).matches();
    }
}
