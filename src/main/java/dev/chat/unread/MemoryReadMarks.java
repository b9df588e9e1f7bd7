package dev.chat.unread;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.backplane.MemoryBackplane;
import dev.chat.backplane.RoomsConfig;
import dev.chat.fanout.FanOut;
import dev.chat.wire.ReadNotice;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * One instance: marks beside the memory backplane's rooms, each room's under the epoch it was marked in.
 * A room the backplane forgot (or started over) has a new epoch, and its marks go with the old one, at
 * the next mark or the periodic sweep. Memory: one entry per user who marked, per room still held.
 */
@ApplicationScoped
@Typed(MemoryReadMarks.class)
public class MemoryReadMarks implements ReadMarks {

    private record RoomMarks(String epoch, ConcurrentMap<String, Long> byUid) {
    }

    private final ConcurrentMap<String, RoomMarks> rooms = new ConcurrentHashMap<>();
    private final MemoryBackplane backplane;
    private final FanOut fanOut;
    private final Vertx vertx;
    private final long sweeper;

    MemoryReadMarks(MemoryBackplane backplane, FanOut fanOut, RoomsConfig roomsConfig, Vertx vertx) {
        this.backplane = backplane;
        this.fanOut = fanOut;
        this.vertx = vertx;
        long every = Math.max(100, Math.min(60_000, roomsConfig.idleExpiry().toMillis() / 4));
        this.sweeper = vertx.setPeriodic(every, tick -> sweep());
    }

    @Override
    public Uni<Long> mark(String room, String uid, long seq) {
        return backplane.history(room, null, 0).map(now -> {
            if (seq > now.lastSeq()) {
                throw new PastTheEnd(seq, now.lastSeq());
            }
            RoomMarks marks = rooms.compute(room, (name, held) -> held == null || !held.epoch().equals(now.epoch())
                    ? new RoomMarks(now.epoch(), new ConcurrentHashMap<>()) : held);
            boolean[] moved = { false };
            long held = marks.byUid().compute(uid, (who, before) -> {
                moved[0] = before == null || seq > before;
                return moved[0] ? seq : before;
            });
            if (moved[0]) {
                fanOut.localRead(uid, new ReadNotice(room, held));
            }
            return held;
        });
    }

    @Override
    public Uni<Long> markOf(String room, String uid) {
        RoomMarks marks = rooms.get(room);
        if (marks == null) {
            return Uni.createFrom().nullItem();
        }
        return backplane.history(room, null, 0)
                .map(now -> now.epoch().equals(marks.epoch()) ? marks.byUid().get(uid) : null);
    }

    private void sweep() {
        rooms.forEach((room, marks) -> {
            backplane.history(room, null, 0).subscribe().with(now -> {
                if (!now.epoch().equals(marks.epoch())) {
                    rooms.remove(room, marks);
                }
            });
        });
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweeper);
    }
}
