package dev.chat.transport.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Who is in a room and how far it has got; in token mode also how far the caller has read ({@code read},
 * absent without a mark) and how many messages came after it ({@code unread}).
 */
@RegisterForReflection
public record RoomInfo(String room, int online, List<String> names, long lastSeq, String epoch,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long read, @JsonInclude(JsonInclude.Include.NON_NULL) Long unread) {
}
