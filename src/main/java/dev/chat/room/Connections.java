package dev.chat.room;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.Member;
import dev.chat.fanout.Sink;
import dev.chat.message.Identity;
import dev.chat.rules.RateLimitConfig;
import dev.chat.rules.SenderLimits;
import dev.chat.wire.WireCodec;
import io.vertx.core.Vertx;

/**
 * Opens a client's {@link Connection} to a room: the member it speaks as, the timer that ends it with its
 * token, and its send budget. Each transport calls it once the client is admitted ({@link Admission}).
 */
@ApplicationScoped
public class Connections {

    final Rooms rooms;
    final Admission admission;
    final WireCodec codec;
    final Vertx vertx;
    final TypingRules typing;
    final ReadRules read;
    final EditRules edits;
    final ReactionRules reactions;
    final int closeAfterRefusals;
    private final RateLimitConfig rateLimit;
    private final SenderLimits senders;

    Connections(Rooms rooms, Admission admission, WireCodec codec, Vertx vertx, TypingRules typing, EditRules edits,
            RateLimitConfig rateLimit, SenderLimits senders, ReactionRules reactions, ReadRules read) {
        this.read = read;
        this.edits = edits;
        this.reactions = reactions;
        this.rooms = rooms;
        this.admission = admission;
        this.codec = codec;
        this.vertx = vertx;
        this.typing = typing;
        this.rateLimit = rateLimit;
        this.senders = senders;
        this.closeAfterRefusals = rateLimit.closeAfter();
    }

    /**
     * In token mode the member is the token's user, whatever name was asked for; in open mode it is the
     * name asked for, or nobody when none was (an event stream that only listens). Not joined yet:
     * {@link Connection#join} does that.
     */
    public Connection open(JoinRequest join, Identity identity, Sink sink) {
        Member member = identity == null ? new Member(join.room(), join.name(), sink)
                : new Member(join.room(), identity.name(), identity.uid(), sink);
        Connection connection = new Connection(this, member, join.resume(), identity, SendBudget.of(identity, rateLimit, senders));
        connection.expireWithToken();
        return connection;
    }
}
