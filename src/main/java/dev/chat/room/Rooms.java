package dev.chat.room;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.backplane.Backplane;
import dev.chat.fanout.FanOut;
import dev.chat.limits.MessageRules;
import dev.chat.room.LocalMembers.PresenceChange;
import dev.chat.wire.Frame;
import dev.chat.wire.PresenceNotice;
import dev.chat.wire.Welcome;
import dev.chat.wire.WireCodec;
import io.smallrye.mutiny.Uni;

/** What every transport does with a room: join it, leave it, send into it. The rules live here. */
@ApplicationScoped
public class Rooms {

    private final Backplane backplane;
    private final LocalMembers members;
    private final FanOut fanOut;
    private final MessageRules rules;
    private final WireCodec codec;
    private final HistoryConfig history;

    Rooms(Backplane backplane, LocalMembers members, FanOut fanOut, MessageRules rules, WireCodec codec,
            HistoryConfig history) {
        this.backplane = backplane;
        this.members = members;
        this.fanOut = fanOut;
        this.rules = rules;
        this.codec = codec;
        this.history = history;
    }

    /** Checks the post against the rules and hands it to the backplane; completes once it is stored. */
    public Uni<ChatMessage> send(Post post) {
        try {
            rules.check(post);
        } catch (RuntimeException rejected) {
            return Uni.createFrom().failure(rejected);
        }
        return backplane.publish(post);
    }

    /**
     * Adds the member and opens its stream: welcome, then a gap if part of what it asked for is gone,
     * then the replay, then live messages, with nothing missing or doubled at the seams.
     */
    public Uni<Void> join(Member member, Resume resume) {
        PresenceChange change = members.add(member);
        if (change.changed()) {
            announce(member, PresenceNotice.joined(member.room(), member.name(), change.online()));
        }
        return historyFor(member.room(), resume)
                .map(found -> opening(member, found, change.online()))
                .invoke(member::start)
                .replaceWithVoid();
    }

    /**
     * Registers an anonymous member that only listens from now on, without welcome or replay, such as a
     * waiting long poll. It stays until {@link #leave}.
     */
    public Member listen(String room, Sink sink) {
        Member listener = new Member(room, null, sink);
        members.add(listener);
        listener.start(List.of());
        return listener;
    }

    public void leave(Member member) {
        PresenceChange change = members.remove(member);
        if (change.changed()) {
            announce(member, PresenceNotice.left(member.room(), member.name(), change.online()));
        }
    }

    public Uni<History> history(String room, Resume resume) {
        return historyFor(room, resume);
    }

    public int online(String room) {
        return members.online(room);
    }

    public List<String> names(String room) {
        return members.names(room);
    }

    private Uni<History> historyFor(String room, Resume resume) {
        if (!resume.isGiven()) {
            return backplane.history(room, null, history.replay());
        }
        return backplane.history(room, resume.since(), history.size())
                .flatMap(found -> belongsTo(found, resume) ? Uni.createFrom().item(found) : restart(room));
    }

    /** A position from another epoch, or past the end, is from a history that no longer exists. */
    private static boolean belongsTo(History found, Resume resume) {
        boolean sameEpoch = resume.epoch() == null || resume.epoch().equals(found.epoch());
        return sameEpoch && resume.since() <= found.lastSeq();
    }

    private Uni<History> restart(String room) {
        return backplane.history(room, 0L, history.size())
                .map(found -> new History(found.messages(),
                        found.gap() == null ? Gap.reset(room) : found.gap().asReset(), found.lastSeq(), found.epoch()));
    }

    private List<Frame> opening(Member member, History found, int online) {
        List<Frame> frames = new ArrayList<>(found.messages().size() + 2);
        frames.add(codec.event(new Welcome(member.room(), member.name(), found.lastSeq(), found.epoch(), online,
                System.currentTimeMillis())));
        if (found.gap() != null) {
            frames.add(codec.gap(found.gap()));
        }
        found.messages().forEach(message -> frames.add(codec.message(message)));
        return frames;
    }

    private void announce(Member member, PresenceNotice notice) {
        fanOut.announce(member.room(), codec.event(notice), member);
    }
}
