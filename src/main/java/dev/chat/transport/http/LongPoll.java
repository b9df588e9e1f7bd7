package dev.chat.transport.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import dev.chat.room.History;
import dev.chat.room.Member;
import dev.chat.room.Resume;
import dev.chat.room.Rooms;
import io.smallrye.mutiny.Uni;

/**
 * A request held open until the room has something after the client's position. A waiting request is a
 * listener and a timer, never a thread, so many thousands can wait at once.
 */
@ApplicationScoped
public class LongPoll {

    private final Rooms rooms;

    LongPoll(Rooms rooms) {
        this.rooms = rooms;
    }

    Uni<Response> await(String room, Resume resume, int seconds) {
        CompletableFuture<Boolean> arrived = new CompletableFuture<>();
        // Listening starts before the history is read, so a message stored in between still wakes us.
        Member listener = rooms.listen(room, frame -> {
            if (frame.isMessage()) {
                arrived.complete(true);
            }
        });
        return rooms.history(room, resume)
                .flatMap(history -> hasNews(history) ? Uni.createFrom().item(ok(history)) : waitFor(arrived, room, resume, seconds))
                .eventually(() -> rooms.leave(listener));
    }

    private Uni<Response> waitFor(CompletableFuture<Boolean> arrived, String room, Resume resume, int seconds) {
        return Uni.createFrom().completionStage(arrived)
                .ifNoItem().after(Duration.ofSeconds(seconds)).recoverWithItem(false)
                .flatMap(news -> news
                        ? rooms.history(room, resume).map(LongPoll::ok)
                        : Uni.createFrom().item(Response.noContent().build()));
    }

    private static boolean hasNews(History history) {
        return !history.messages().isEmpty() || history.gap() != null;
    }

    private static Response ok(History history) {
        return Response.ok(PollResult.of(history)).build();
    }
}
