package dev.chat.fanout;

import java.util.ArrayList;
import java.util.List;

import dev.chat.wire.Frame;

/**
 * One local connection in a room. Until {@link #start} it holds back live frames, so the opening frames
 * (welcome, gap, replay) always come first; messages it has already written are dropped by {@code seq},
 * so replay and live delivery may overlap without a duplicate reaching the client. A restart frame (the
 * room's history started over) resets that position.
 */
public final class Member {

    private final String room;
    private final String name;
    private final String uid;
    private final Sink sink;
    private List<Frame> held = new ArrayList<>();
    private long lastSeq;

    public Member(String room, String name, Sink sink) {
        this(room, name, null, sink);
    }

    /** {@code uid}: the verified user behind the connection in token mode, null otherwise. */
    public Member(String room, String name, String uid, Sink sink) {
        this.room = room;
        this.name = name;
        this.uid = uid;
        this.sink = sink;
    }

    public String room() {
        return room;
    }

    /** Null for an anonymous listener (an SSE stream without a name, a waiting long poll). */
    public String name() {
        return name;
    }

    public String uid() {
        return uid;
    }

    /** Who the member counts as in presence: its verified user in token mode, its name in open mode. */
    public String person() {
        return uid != null ? uid : name;
    }

    public boolean isAnonymous() {
        return name == null;
    }

    public String transport() {
        return sink.transport();
    }

    /** Where its frames go, for a transport that has more to do with its own connections (pings). */
    public Sink sink() {
        return sink;
    }

    public void disconnect(Disconnect reason) {
        sink.disconnect(reason);
    }

    public synchronized void push(Frame frame) {
        if (held != null) {
            held.add(frame);
        } else {
            write(frame);
        }
    }

    public synchronized void start(List<Frame> opening) {
        opening.forEach(this::write);
        List<Frame> meanwhile = held;
        held = null;
        meanwhile.forEach(this::write);
    }

    private void write(Frame frame) {
        if (frame.isRestart()) {
            lastSeq = 0;
        } else if (frame.isMessage()) {
            if (frame.seq() <= lastSeq) {
                return;
            }
            lastSeq = frame.seq();
        }
        sink.write(frame);
    }
}
