package dev.chat.transport.websocket.inbound;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

class InboundOrderTest {

    private final Vertx vertx = Vertx.vertx();
    private final InboundOrder order = new InboundOrder(vertx.getOrCreateContext());
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<UniEmitter<? super Void>> running = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void nothingStartsBeforeTheJoinHasFinished() {
        order.submit(work("first"));
        assertEquals(List.of(), started);

        order.joined();
        await().until(() -> started.equals(List.of("first")));
    }

    @Test
    void aMessageWaitsUntilTheOneBeforeItHasFinished() {
        order.joined();
        order.submit(work("first"));
        order.submit(work("second"));
        order.submit(work("third"));
        assertEquals(List.of("first"), started);

        finishFromAnotherThread(0);
        await().until(() -> started.equals(List.of("first", "second")));
        finishFromAnotherThread(1);
        await().until(() -> started.equals(List.of("first", "second", "third")));
    }

    @Test
    void aFailedPieceOfWorkDoesNotHoldUpTheNext() {
        order.joined();
        order.submit(() -> {
            started.add("failing");
            throw new IllegalStateException("refused");
        });
        order.submit(work("next"));
        await().until(() -> started.equals(List.of("failing", "next")));

        running.get(0).fail(new IllegalStateException("refused too"));
        order.submit(work("after"));
        await().until(() -> started.equals(List.of("failing", "next", "after")));
    }

    @Test
    void workSubmittedWhenIdleStartsAtOnce() {
        order.joined();
        order.submit(work("first"));
        running.get(0).complete(null);

        order.submit(work("second"));
        assertEquals(List.of("first", "second"), started);
    }

    private Supplier<Uni<Void>> work(String name) {
        return () -> Uni.createFrom().emitter(emitter -> {
            started.add(name);
            running.add(emitter);
        });
    }

    private void finishFromAnotherThread(int index) {
        new Thread(() -> running.get(index).complete(null)).start();
    }
}
