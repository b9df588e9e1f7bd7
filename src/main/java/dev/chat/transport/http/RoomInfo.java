package dev.chat.transport.http;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Who is in a room and how far it has got. {@code people} has each person online once, with their uid in
 * token mode; {@code names} is the same list's names, for clients that only show them. In token mode also how
 * far the caller has read ({@code read}, absent without a mark) and how many messages came after it ({@code unread}).
 */
@RegisterForReflection
public record RoomInfo(String room, int online, List<String> names, List<Present> people, long lastSeq, String epoch,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long read, @JsonInclude(JsonInclude.Include.NON_NULL) Long unread) {

    /** One person online: the name they show under now, and in token mode their verified user. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Present(String name, String uid) {
    }
}
