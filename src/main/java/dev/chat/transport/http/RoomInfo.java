package dev.chat.transport.http;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Who is in a room and how far it has got. */
@RegisterForReflection
public record RoomInfo(String room, int online, List<String> names, long lastSeq, String epoch) {
}
