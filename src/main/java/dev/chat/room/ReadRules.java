package dev.chat.room;

import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.unread.ReadConfig;
import dev.chat.unread.PastTheEnd;
import dev.chat.unread.ReadMarks;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Who may mark how far they have read, and how often it is written. Only a verified user has a mark (token
 * mode); in open mode a mark is {@code forbidden}. A seq that is missing, not a whole number or negative
 * is a {@code bad_request}, and so is one past the room's last message ({@link ReadMarks}).
 *
 * <p>A user's mark in a room is written at most once per {@code chat.read.interval}: the first mark of an
 * interval at once, the ones that come during it coalesced into the highest, written when it ends. A flood
 * of marks costs the store one write per interval, and the newest mark still arrives. A coalesced mark
 * refused by the store is reported to whoever sent it, through {@code lateRefusal}; when it was past the
 * room's end, the highest of the window's other marks within the room is written instead, so a bogus seq
 * among honest ones does not lose them. An HTTP caller whose mark was coalesced has had its 204 already.
 */
@ApplicationScoped
public class ReadRules {

    /** Kept of a window's marks: the highest few, so a bogus highest one still leaves the honest mark below it. */
    private static final int KEPT = 8;

    /** Marks waiting for the end of a user's interval in a room; guarded by the map's compute. */
    private static final class Window {
        final TreeSet<Long> seqs = new TreeSet<>();
        Consumer<RejectedException> lateRefusal;

        void add(long seq, Consumer<RejectedException> refusal) {
            if (seqs.isEmpty() || seq > seqs.last()) {
                lateRefusal = refusal;
            }
            seqs.add(seq);
            if (seqs.size() > KEPT) {
                seqs.pollFirst();
            }
        }
    }

    private final ReadMarks marks;
    private final Vertx vertx;
    private final long intervalMillis;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    ReadRules(ReadMarks marks, Vertx vertx, ReadConfig config) {
        this.marks = marks;
        this.vertx = vertx;
        this.intervalMillis = Math.max(1, config.interval().toMillis());
    }

    /**
     * Marks the room read up to {@code seq} for the user; completes once written, or at once when coalesced.
     * {@code uid} is null in open mode, {@code seq} null when the frame held no whole number.
     */
    public Uni<Void> read(String room, String uid, Long seq, Consumer<RejectedException> lateRefusal) {
        if (uid == null) {
            return Uni.createFrom().failure(new RejectedException(Rejection.FORBIDDEN, "read marks need a signed-in user"));
        }
        if (seq == null || seq < 0) {
            return Uni.createFrom().failure(new RejectedException(Rejection.BAD_REQUEST, "seq must be a whole number, 0 or more"));
        }
        String key = room + '\n' + uid;
        boolean[] now = { false };
        windows.compute(key, (k, window) -> {
            if (window == null) {
                now[0] = true;
                return new Window();
            }
            window.add(seq, lateRefusal);
            return window;
        });
        if (!now[0]) {
            return Uni.createFrom().voidItem();
        }
        vertx.setTimer(intervalMillis, tick -> flush(key, room, uid));
        return marks.mark(room, uid, seq).replaceWithVoid();
    }

    /** The user's mark in the room, null in open mode or when there is none. */
    public Uni<Long> markOf(String room, String uid) {
        return uid == null ? Uni.createFrom().nullItem() : marks.markOf(room, uid);
    }

    /** Messages after the mark: by seq, so a deleted message still counts; all of them without a mark. */
    public static long unread(long lastSeq, Long mark) {
        return Math.max(0, lastSeq - (mark == null ? 0 : mark));
    }

    /** The highest of the window's marks within the room, written in place of the one past its end. */
    private Uni<Long> honestBelow(String room, String uid, Window written, PastTheEnd past) {
        Long honest = written.seqs.floor(past.lastSeq());
        return honest == null ? Uni.createFrom().nullItem() : marks.mark(room, uid, honest).onFailure().recoverWithNull();
    }

    private void flush(String key, String room, String uid) {
        Window[] due = { null };
        windows.compute(key, (k, window) -> {
            if (window == null || window.seqs.isEmpty()) {
                return null;
            }
            due[0] = window;
            return new Window();
        });
        if (due[0] == null) {
            return;
        }
        Window written = due[0];
        vertx.setTimer(intervalMillis, tick -> flush(key, room, uid));
        marks.mark(room, uid, written.seqs.last())
                .onFailure(PastTheEnd.class).call(past -> honestBelow(room, uid, written, (PastTheEnd) past))
                .subscribe().with(held -> {
                }, failure -> written.lateRefusal.accept(failure instanceof RejectedException rejected ? rejected
                        : new RejectedException(Rejection.UNAVAILABLE, "read mark not stored, send it again")));
    }
}
