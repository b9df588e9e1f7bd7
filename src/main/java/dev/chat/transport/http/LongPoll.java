package dev.chat.transport.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import dev.chat.fanout.Disconnect;
import dev.chat.fanout.Member;
import dev.chat.fanout.Sink;
import dev.chat.message.Edit;
import dev.chat.message.History;
import dev.chat.message.Resume;
import dev.chat.room.Rooms;
import dev.chat.wire.Deletion;
import dev.chat.wire.Frame;
import dev.chat.wire.ReactionsNotice;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

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
        Member listener = rooms.listen(room, new Waiting(arrived, Vertx.currentContext()));
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

    /**
     * Completes with true on the first message, or with false when the server lets the request go. It
     * completes on the request's own event loop, so the answer is never written from the sender's thread.
     */
    private record Waiting(CompletableFuture<Boolean> arrived, Context context) implements Sink {

        @Override
        public String transport() {
            return "long-polling";
        }

        @Override
        public void write(Frame frame) {
            // A deletion, an edit or changed reaction counts are news too: the answer's "deleted", "edited" and
            // "reactions" amend what the poller holds.
            if (frame.isMessage() || Deletion.TYPE.equals(frame.type()) || Edit.TYPE.equals(frame.type())
                    || ReactionsNotice.TYPE.equals(frame.type())) {
                complete(true);
            }
        }

        @Override
        public void disconnect(Disconnect reason) {
            complete(false);
        }

        private void complete(boolean news) {
            if (context == null) {
                arrived.complete(news);
            } else {
                context.runOnContext(ignored -> arrived.complete(news));
            }
        }
    }

    private static boolean hasNews(History history) {
        return !history.messages().isEmpty() || history.gap() != null;
    }

    private static Response ok(History history) {
        return Response.ok(PollResult.of(history)).build();
    }
}
