package dev.chat.transport.websocket;

import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.fanout.FanOutMeters;
import dev.chat.fanout.Member;
import dev.chat.limits.OutboundConfig;
import dev.chat.limits.RateLimitConfig;
import dev.chat.limits.Sender;
import dev.chat.limits.SenderLimits;
import dev.chat.limits.TokenBucket;
import dev.chat.message.Identity;
import dev.chat.message.Post;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.room.Rooms;
import dev.chat.transport.JoinRequest;
import dev.chat.wire.Frame;
import dev.chat.wire.WireCodec;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;

/** Adapts a WebSocket to a room; both WebSocket endpoints hand their callbacks here. */
@ApplicationScoped
public class ChatSockets {

    static final CloseReason BINARY_REFUSED = new CloseReason(1003, "binary frames are not accepted");
    static final CloseReason RATE_ABUSE = new CloseReason(1008, "rate limit exceeded");

    private static final Logger LOG = Logger.getLogger(ChatSockets.class);
    private static final TypedKey<SocketSession> SESSION = new TypedKey<>("chat.session");

    private final Rooms rooms;
    private final WireCodec codec;
    private final ObjectMapper mapper;
    private final RateLimitConfig rateLimit;
    private final OutboundConfig outbound;
    private final FanOutMeters meters;
    private final SenderLimits senders;
    private final SocketTokens tokens;

    ChatSockets(Rooms rooms, WireCodec codec, ObjectMapper mapper, RateLimitConfig rateLimit, OutboundConfig outbound,
            FanOutMeters meters, SenderLimits senders, SocketTokens tokens) {
        this.senders = senders;
        this.tokens = tokens;
        this.rooms = rooms;
        this.codec = codec;
        this.mapper = mapper;
        this.rateLimit = rateLimit;
        this.outbound = outbound;
        this.meters = meters;
    }

    Uni<Void> open(WebSocketConnection connection) {
        JoinRequest join = connection.userData().remove(UpgradeGuard.JOIN);
        Identity identity = connection.userData().remove(SocketAdmission.IDENTITY);
        HandshakeHeaders.forget(connection.userData().remove(UpgradeGuard.REQUEST));
        Member member = new Member(join.room(), identity == null ? join.name() : identity.name(),
                identity == null ? null : identity.uid(),
                new WebSocketSink(connection, connection.userData().remove(UpgradeGuard.CHANNEL),
                        outbound.maxQueuedBytes(), meters));
        SocketSession session = new SocketSession(member, new InboundOrder(Vertx.currentContext()), budget(identity),
                identity);
        connection.userData().put(SESSION, session);
        tokens.started(session);
        return rooms.join(member, join.resume(), identity).onTermination().invoke(session.inOrder()::joined);
    }

    /** Per connection in open mode; per user in token mode, shared by all the user's connections. */
    private BooleanSupplier budget(Identity identity) {
        if (identity != null) {
            Sender user = Sender.user(identity.uid());
            return () -> senders.tryTake(user);
        }
        TokenBucket bucket = TokenBucket.from(rateLimit);
        return bucket == null ? () -> true : bucket::tryTake;
    }

    Uni<Void> text(WebSocketConnection connection, String frame) {
        SocketSession session = connection.userData().get(SESSION);
        Member member = session.member();
        InboundText inbound = InboundText.parse(frame, mapper);
        if (!session.admit()) {
            if (session.refusedLately() >= rateLimit.closeAfter()) {
                return connection.close(RATE_ABUSE);
            }
            member.send(codec.error(Rejection.RATE_LIMITED, "slow down", inbound.ref()));
            return Uni.createFrom().voidItem();
        }
        if (inbound.isRefresh()) {
            session.inOrder().submit(() -> tokens.refresh(session, inbound.refreshToken(), inbound.ref()));
            return Uni.createFrom().voidItem();
        }
        Identity identity = session.identity();
        session.inOrder().submit(() -> rooms.send(new Post(member.room(), member.name(), inbound.text(), inbound.ref(),
                identity == null ? null : identity.uid()))
                .onFailure().invoke(failure -> member.send(errorFor(failure, inbound.ref())))
                .replaceWithVoid());
        return Uni.createFrom().voidItem();
    }

    Uni<Void> binary(WebSocketConnection connection) {
        return connection.close(BINARY_REFUSED);
    }

    Uni<Void> error(WebSocketConnection connection, Throwable failure) {
        if (connection.isClosed() || failure instanceof HttpClosedException) {
            return Uni.createFrom().voidItem();
        }
        CloseReason reason = FailureCloses.forFailure(failure);
        if (reason == FailureCloses.SERVER_ERROR) {
            LOG.errorf(failure, "closing %s after an unexpected failure", connection.id());
        }
        return connection.close(reason);
    }

    void close(WebSocketConnection connection) {
        SocketSession session = connection.userData().get(SESSION);
        if (session != null) {
            // After the join and every message already received, so a socket closed mid-join leaves no member.
            tokens.ended(session);
            session.inOrder().submit(() -> {
                rooms.leave(session.member());
                return Uni.createFrom().voidItem();
            });
        }
    }

    private Frame errorFor(Throwable failure, String ref) {
        RejectedException rejected = failure instanceof RejectedException known ? known
                : new RejectedException(Rejection.UNAVAILABLE, "message not stored, send it again");
        return codec.error(rejected.rejection(), rejected.getMessage(), ref);
    }
}
