package dev.chat.room;

import dev.chat.fanout.Disconnect;
import dev.chat.fanout.Member;
import dev.chat.message.Identity;
import dev.chat.message.Post;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.message.Resume;
import dev.chat.wire.Frame;
import dev.chat.wire.Refreshed;
import io.smallrye.mutiny.Uni;

/**
 * One client's WebSocket or event stream in a room, from its join to its close. What every transport's
 * connection lives by is decided here once: who it speaks as, when its token ends it (1008) unless an
 * in-band refresh for the same user came first, what it may send, and when it has sent too much. A
 * refreshed token's grants apply at once: a room it no longer grants is left.
 */
public final class Connection {

    private final Connections context;
    private final Member member;
    private final Resume resume;
    private final SendBudget budget;
    private final PostedSeqs posted = new PostedSeqs();
    private volatile Identity identity;
    private long expiryTimer = -1;

    Connection(Connections context, Member member, Resume resume, Identity identity, SendBudget budget) {
        this.context = context;
        this.member = member;
        this.resume = resume;
        this.identity = identity;
        this.budget = budget;
    }

    public Member member() {
        return member;
    }

    /** Welcome, gap, replay, then live frames ({@link Rooms#join}). */
    public Uni<Void> join() {
        return context.rooms.join(member, resume, identity);
    }

    /**
     * Takes one from the send budget for an inbound frame. Over it the client is told to slow down, or,
     * past {@code chat.rate-limit.close-after} refusals within ten seconds, disconnected (1008).
     */
    public boolean admit(String ref) {
        if (budget.tryTake()) {
            return true;
        }
        if (budget.refusedLately() >= context.closeAfterRefusals) {
            member.disconnect(Disconnect.RATE_ABUSE);
        } else {
            member.push(context.codec.error(Rejection.RATE_LIMITED, "slow down", ref));
        }
        return false;
    }

    /** Broadcasts the text to the room as this member; a refusal reaches only this client, as an error frame. */
    public Uni<Void> say(String text, String ref) {
        return context.rooms.broadcast(new Post(member.room(), member.name(), text, ref, member.uid()), "websocket")
                .invoke(message -> posted.add(message.seq()))
                .onFailure().invoke(failure -> member.push(errorFor(failure, ref)))
                .replaceWithVoid();
    }

    /**
     * Edits message {@code seq} as this member ({@link EditRules}): everyone in the room receives the
     * {@code edit}; a refusal reaches only this client, as an error frame.
     */
    public Uni<Void> edit(Long seq, String text, String ref) {
        if (seq == null) {
            member.push(context.codec.error(Rejection.BAD_REQUEST, "an edit needs the seq of a message", ref));
            return Uni.createFrom().voidItem();
        }
        Identity current = identity;
        String sender = current != null ? "uid|" + current.uid() : "connection|" + System.identityHashCode(this);
        return context.edits.edit(member.room(), seq, text, member.name(), EditRules.editorFor(current, posted.contains(seq)),
                        sender, "websocket")
                .onFailure().invoke(failure -> member.push(errorFor(failure, ref)))
                .replaceWithVoid();
    }

    /** This member is typing; relayed to the others by {@link TypingRules}. */
    public void typing() {
        context.typing.typing(member.room(), member.name(), member.uid());
    }

    /**
     * This member has read the room up to {@code seq} (null when the frame held no whole number); by
     * {@link ReadRules}, at its own rate, nothing from the message budget. A refusal reaches only this client.
     */
    public Uni<Void> read(Long seq, String ref) {
        Identity current = identity;
        return context.read.read(member.room(), current == null ? null : current.uid(), seq,
                        late -> member.push(errorFor(late, ref)))
                .onFailure().invoke(failure -> member.push(errorFor(failure, ref)))
                .onFailure().recoverWithNull();
    }

    /** Toggles this member's reaction on message {@code seq}; every member gets the counts, a refusal only this client. */
    public Uni<Void> react(long seq, String emoji, String ref) {
        return context.reactions.react(member.room(), seq, emoji, member.name(), member.uid())
                .onFailure().invoke(failure -> member.push(errorFor(failure, ref)))
                .replaceWithVoid();
    }

    /** Replaces the token this connection lives by with a fresh one for the same user. */
    public Uni<Void> refresh(String token, String ref) {
        Identity current = identity;
        if (current == null) {
            member.push(context.codec.error(Rejection.BAD_REQUEST, "no token to refresh in open mode", ref));
            return Uni.createFrom().voidItem();
        }
        return context.admission.verify(token).invoke(fresh -> {
            if (!fresh.uid().equals(current.uid())) {
                member.push(context.codec.error(Rejection.FORBIDDEN, "token is for another user", ref));
                return;
            }
            if (!context.admission.mayUse(fresh, member.room())) {
                member.disconnect(Disconnect.ROOM_NOT_GRANTED);
                return;
            }
            identity = new Identity(current.uid(), current.name(), fresh.expiresAt(), fresh.rooms(), fresh.moderator());
            expireWithToken();
            member.push(context.codec.event(new Refreshed(fresh.expiresAt())));
        }).onFailure(RejectedException.class).recoverWithItem(failure -> {
            member.push(context.codec.error(Rejection.UNAUTHORIZED, failure.getMessage(), ref));
            return null;
        }).replaceWithVoid();
    }

    /** Leaves the room and gives the connection back to its user's count. */
    public void close() {
        Identity last = identity;
        if (last != null) {
            context.vertx.cancelTimer(swapExpiryTimer(-1));
            context.admission.releaseConnection(last);
        }
        context.rooms.leave(member);
    }

    void expireWithToken() {
        Identity current = identity;
        if (current == null) {
            return;
        }
        long timer = context.vertx.setTimer(Math.max(1, current.millisLeft()), fired -> member.disconnect(Disconnect.TOKEN_EXPIRED));
        long previous = swapExpiryTimer(timer);
        if (previous >= 0) {
            context.vertx.cancelTimer(previous);
        }
    }

    private synchronized long swapExpiryTimer(long timer) {
        long previous = expiryTimer;
        expiryTimer = timer;
        return previous;
    }

    private Frame errorFor(Throwable failure, String ref) {
        RejectedException rejected = failure instanceof RejectedException known ? known
                : new RejectedException(Rejection.UNAVAILABLE, "message not stored, send it again");
        return context.codec.error(rejected.rejection(), rejected.getMessage(), ref);
    }
}
