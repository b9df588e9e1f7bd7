package dev.chat.transport.http;

import java.util.List;

/** Who is in a room and how far it has got. */
public record RoomInfo(String room, int online, List<String> names, long lastSeq, String epoch) {
}
