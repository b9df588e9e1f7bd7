package dev.chat.transport.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.limits.RateLimitConfig;
import dev.chat.limits.RejectedException;
import dev.chat.limits.Rejection;
import dev.chat.limits.TokenBucket;
import dev.chat.room.Member;
import dev.chat.room.Post;
import dev.chat.room.Rooms;
import dev.chat.transport.JoinRequest;
import dev.chat.wire.WireCodec;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

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

    ChatSockets(Rooms rooms, WireCodec codec, ObjectMapper mapper, RateLimitConfig rateLimit) {
        this.rooms = rooms;
        this.codec = codec;
        this.mapper = mapper;
        this.rateLimit = rateLimit;
    }

    Uni<Void> open(WebSocketConnection connection) {
        JoinRequest join = connection.userData().get(UpgradeGuard.JOIN);
        Member member = new Member(join.room(), join.name(), new WebSocketSink(connection));
        connection.userData().put(SESSION, new SocketSession(member, TokenBucket.from(rateLimit)));
        return rooms.join(member, join.resume());
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
        return rooms.send(new Post(member.room(), member.name(), inbound.text(), inbound.ref()))
                .onFailure().invoke(failure -> member.send(errorFor(failure, inbound.ref())))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    Uni<Void> binary(WebSocketConnection connection) {
        return connection.close(BINARY_REFUSED);
    }

    Uni<Void> error(WebSocketConnection connection, Throwable failure) {
        CloseReason reason = FailureCloses.forFailure(failure);
        if (reason == FailureCloses.SERVER_ERROR) {
            LOG.errorf(failure, "closing %s after an unexpected failure", connection.id());
        }
        return connection.close(reason);
    }

    void close(WebSocketConnection connection) {
        SocketSession session = connection.userData().get(SESSION);
        if (session != null) {
            rooms.leave(session.member());
        }
    }

    private dev.chat.wire.Frame errorFor(Throwable failure, String ref) {
        if (failure instanceof RejectedException rejected) {
            return codec.error(rejected.rejection(), rejected.getMessage(), ref);
        }
        LOG.warnf("message not stored: %s", failure.toString());
        return codec.error(Rejection.UNAVAILABLE, "message not stored, send it again", ref);
    }
}
