package dev.chat.message;

import java.util.List;

/** Rooms a token may join and send to: exact names, or prefixes ending in {@code *} ({@code team-*}). */
public record RoomGrants(List<String> patterns) {

    public static final RoomGrants NONE = new RoomGrants(List.of());

    public RoomGrants {
        patterns = patterns.stream().map(String::trim).filter(pattern -> !pattern.isEmpty()).toList();
    }

    public boolean allows(String room) {
        for (String pattern : patterns) {
            boolean granted = pattern.endsWith("*") ? room.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(room);
            if (granted) {
                return true;
            }
        }
        return false;
    }
}
