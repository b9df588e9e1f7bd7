package dev.chat.room;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chat.backplane.Backplane;
import dev.chat.backplane.HistoryConfig;
import dev.chat.fanout.LocalMembers;
import dev.chat.fanout.Member;
import dev.chat.fanout.Sink;
import dev.chat.hooks.HookEvents;
import dev.chat.hooks.PublishHook;
import dev.chat.message.ChatMessage;
import dev.chat.message.Gap;
import dev.chat.message.History;
import dev.chat.message.Identity;
import dev.chat.message.Post;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.message.Resume;
import dev.chat.presence.Person;
import dev.chat.presence.Presence;
import dev.chat.rules.MessageRules;
import dev.chat.rules.Sender;
import dev.chat.rules.SenderLimits;
import dev.chat.trace.MessageTraces;
import dev.chat.unread.ReadMarks;
import dev.chat.wire.Welcome;
import dev.chat.wire.WireCodec;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * The rules of a room, the same on every transport: join it, leave it, broadcast into it, read it, and
 * moderate it. A broadcast goes through the backplane to every instance, which hands it to its local
 * fan-out.
 */
@ApplicationScoped
public class Rooms {

    private static final Logger LOG = Logger.getLogger(Rooms.class);

    private final Backplane backplane;
    private final LocalMembers members;
    private final Presence presence;
    private final MessageRules rules;
    private final SenderLimits senders;
    private final Admission admission;
    private final WireCodec codec;
    private final HistoryConfig history;
    private final RoomMeters meters;
    private final MessageTraces traces;
    private final PublishHook hook;
    private final HookEvents events;
    private final ReadMarks readMarks;

    Rooms(Backplane backplane, LocalMembers members, Presence presence, MessageRules rules, SenderLimits senders,
            Admission admission, WireCodec codec, HistoryConfig history, RoomMeters meters, MessageTraces traces,
            PublishHook hook, HookEvents events, ReadMarks readMarks) {
        this.readMarks = readMarks;
        this.hook = hook;
        this.events = events;
        this.backplane = backplane;
        this.members = members;
        this.presence = presence;
        this.rules = rules;
        this.senders = senders;
        this.admission = admission;
        this.codec = codec;
        this.history = history;
        this.meters = meters;
        this.traces = traces;
    }

    /**
     * Checks the post against the rules, asks the application's publish hook, and broadcasts what it
     * accepted through the backplane to every instance; completes once it is stored. {@code transport}
     * tells the hook how the post came.
     */
    public Uni<ChatMessage> broadcast(Post post, String transport) {
        Span span = traces.send(post.room());
        // Current while the backplane is called: it hands the span on with the message.
        try (Scope current = MessageTraces.current(span)) {
            rules.check(post);
            return hook.check(post, transport)
                    // Only a text the hook rewrote is new to the rules.
                    .invoke(accepted -> {
                        if (accepted != post) {
                            rules.check(accepted);
                        }
                    })
                    .flatMap(accepted -> {
                        try (Scope again = MessageTraces.current(span)) {
                            return backplane.publish(accepted);
                        }
                    })
                    .invoke(meters::published)
                    .onFailure().transform(this::notStored)
                    .invoke(message -> MessageTraces.stored(span, message))
                    .onFailure().invoke(failure -> MessageTraces.refused(span, failure));
        } catch (RuntimeException rejected) {
            MessageTraces.refused(span, rejected);
            return Uni.createFrom().failure(rejected);
        }
    }

    /**
     * A message posted without a connection (plain HTTP). In token mode the token's user speaks, whatever
     * name was given, and the post takes from the user's budget; an anonymous post takes from its client
     * address's, so a new name is not a new budget.
     */
    public Uni<ChatMessage> post(JoinRequest sender, String text, String ref, Identity identity, String clientAddress) {
        senders.admit(identity != null ? Sender.user(identity.uid()) : Sender.address(clientAddress));
        return broadcast(identity != null ? new Post(sender.room(), identity.name(), text, ref, identity.uid())
                : new Post(sender.room(), sender.name(), text, ref), "http");
    }

    /** The application's own post, with its server key: any room, the name it gives, no sender's budget. */
    public Uni<ChatMessage> postAsApplication(JoinRequest speaker, String text, String ref) {
        return broadcast(new Post(speaker.room(), speaker.name(), text, ref), "api");
    }

    /** Whatever went wrong below, the client learns the message was not stored and may send it again. */
    private RuntimeException notStored(Throwable failure) {
        if (failure instanceof RejectedException rejected && rejected.rejection() != Rejection.UNAVAILABLE) {
            return rejected;
        }
        meters.backplaneError();
        if (failure instanceof RejectedException unavailable) {
            return unavailable;
        }
        LOG.warnf("message not stored: %s", failure.toString());
        return new RejectedException(Rejection.UNAVAILABLE, "message not stored, send it again");
    }

    /**
     * Adds the member and opens its stream: welcome, then a gap if part of what it asked for is gone,
     * then the replay, then live messages, with nothing missing or doubled at the seams. {@code identity}
     * is the verified user the welcome names, null in open mode.
     */
    public Uni<Void> join(Member member, Resume resume, Identity identity) {
        boolean cameOnline = members.add(member).changed();
        if (cameOnline) {
            events.joined(member.room(), member.name());
        }
        // Every named connection joins: the latest one's name is the one its person shows under.
        Uni<Integer> online = member.isAnonymous() ? presence.online(member.room())
                : presence.join(member.room(), new Person(member.uid(), member.name()));
        return online.flatMap(count -> historyFor(member.room(), resume)
                        .flatMap(found -> markOf(member.room(), identity)
                                .map(read -> codec.opening(welcome(member, identity, found, count, read), found))))
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
        if (members.remove(member).changed()) {
            events.left(member.room(), member.name());
            // A leave that cannot be recorded now expires with this instance's heartbeat for the name.
            presence.leave(member.room(), new Person(member.uid(), member.name())).subscribe().with(online -> {
            }, failure -> LOG.debugf("leave of %s not recorded: %s", member.name(), failure));
        }
    }

    /**
     * A moderator's deletion: a tombstone in history and a {@code delete} to every member; false if no
     * such message. 403 for anyone but a moderator.
     */
    public Uni<Boolean> delete(Identity moderator, String room, long seq) {
        admission.checkModerator(moderator);
        return backplane.delete(room, seq);
    }

    /** A moderator's disconnect of a user from every instance; 403 for anyone but a moderator. */
    public Uni<Void> disconnectUser(Identity moderator, String uid) {
        admission.checkModerator(moderator);
        return backplane.disconnectUser(uid);
    }

    /** The application's deletion, with its server key, as a moderator's. */
    public Uni<Boolean> deleteAsApplication(String room, long seq) {
        return backplane.delete(room, seq);
    }

    /**
     * Closes the user's connections on every instance, as a moderator's disconnect does, for callers that
     * need no moderator: the application with its server key, or the user's own sign-out.
     */
    public Uni<Void> disconnectUserEverywhere(String uid) {
        return backplane.disconnectUser(uid);
    }

    public Uni<History> history(String room, Resume resume) {
        return historyFor(room, resume);
    }

    /** The people online in the room on every instance, once each, by name. */
    public Uni<List<Person>> people(String room) {
        return presence.people(room);
    }

    private Uni<History> historyFor(String room, Resume resume) {
        if (!resume.isGiven()) {
            return backplane.history(room, null, history.replay());
        }
        return backplane.history(room, resume.since(), history.size())
                .flatMap(found -> belongsTo(found, resume) ? Uni.createFrom().item(found) : restart(room));
    }

    /**
     * A position from another epoch, or past the end, is from a history that no longer exists; a position at
     * 0 holds nothing, so it belongs to any.
     */
    private static boolean belongsTo(History found, Resume resume) {
        boolean sameEpoch = resume.epoch() == null || resume.since() == 0 || resume.epoch().equals(found.epoch());
        return sameEpoch && resume.since() <= found.lastSeq();
    }

    private Uni<History> restart(String room) {
        return backplane.history(room, 0L, history.size())
                .map(found -> new History(found.messages(),
                        found.gap() == null ? Gap.reset(room) : found.gap().asReset(), found.lastSeq(), found.epoch()));
    }

    /** The user's read mark for the welcome; a store that does not answer costs the welcome its mark, not the join. */
    private Uni<Long> markOf(String room, Identity identity) {
        if (identity == null) {
            return Uni.createFrom().nullItem();
        }
        return readMarks.markOf(room, identity.uid()).onFailure().recoverWithNull();
    }

    private static Welcome welcome(Member member, Identity identity, History found, int online, Long read) {
        return new Welcome(member.room(), member.name(), identity == null ? null : identity.uid(),
                identity == null ? null : identity.expiresAt(), found.lastSeq(), found.epoch(), online,
                System.currentTimeMillis(), read);
    }
}
