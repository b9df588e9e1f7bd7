package dev.chat.transport.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import dev.chat.message.Identity;
import dev.chat.transport.api.Caller;
import dev.chat.transport.api.Requests;
import dev.chat.message.Resume;
import dev.chat.presence.Person;
import dev.chat.room.Rooms;
import dev.chat.room.JoinRequest;
import dev.chat.room.ReadRules;
import io.smallrye.mutiny.Uni;

@Path("/api/rooms/{room}")
@Produces(MediaType.APPLICATION_JSON)
public class RoomResource {

    private final Rooms rooms;
    private final ReadRules read;
    private final Caller caller;

    RoomResource(Rooms rooms, ReadRules read, Caller caller) {
        this.rooms = rooms;
        this.read = read;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Who is online in a room, and its last seq",
            description = "Each person online once. In token mode a person is a verified user and carries its uid, "
                    + "as messages and presence frames do, for user tokens and the server key alike; also the "
                    + "caller's read mark (read, absent without one) and the messages after it (unread).")
    public Uni<RoomInfo> info(@RestPath String room) {
        String name = Requests.valid(JoinRequest.of(room, null, null, null)).room();
        Identity identity = caller.identity();
        String uid = identity == null ? null : identity.uid();
        return rooms.people(name).flatMap(people -> rooms.history(name, Resume.NONE)
                .flatMap(history -> read.markOf(name, uid).map(mark -> new RoomInfo(name, people.size(),
                        people.stream().map(Person::name).toList(),
                        people.stream().map(person -> new RoomInfo.Present(person.name(), person.uid())).toList(),
                        history.lastSeq(), history.epoch(), mark,
                        uid == null ? null : ReadRules.unread(history.lastSeq(), mark)))));
    }
}
