package dev.chat.transport.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.Disconnect;
import dev.chat.fanout.Member;
import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.room.Access;
import dev.chat.transport.Gate;
import dev.chat.wire.Refreshed;
import dev.chat.wire.WireCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A token-mode socket's life with its token: it ends with 1008 when the token expires, unless an in-band
 * {@code refresh} brought a valid token for the same user first. A refreshed token's grants apply at once:
 * a room it no longer grants is left (1008). Nothing here changes who speaks.
 */
@ApplicationScoped
class SocketTokens {

    private final Gate gate;
    private final Access access;
    private final WireCodec codec;
    private final Vertx vertx;

    SocketTokens(Gate gate, Access access, WireCodec codec, Vertx vertx) {
        this.gate = gate;
        this.access = access;
        this.codec = codec;
        this.vertx = vertx;
    }

    void started(SocketSession session) {
        if (session.identity() != null) {
            expireAt(session, session.identity());
        }
    }

    Uni<Void> refresh(SocketSession session, String token, String ref) {
        Member member = session.member();
        Identity current = session.identity();
        if (current == null) {
            member.send(codec.error(Rejection.BAD_REQUEST, "no token to refresh in open mode", ref));
            return Uni.createFrom().voidItem();
        }
        return gate.verify(token).invoke(fresh -> {
            if (!fresh.uid().equals(current.uid())) {
                member.send(codec.error(Rejection.FORBIDDEN, "token is for another user", ref));
                return;
            }
            if (!access.mayUse(fresh, member.room())) {
                member.disconnect(Disconnect.ROOM_NOT_GRANTED);
                return;
            }
            session.identity(new Identity(current.uid(), current.name(), fresh.expiresAt(), fresh.rooms(), fresh.moderator()));
            expireAt(session, fresh);
            member.send(codec.event(new Refreshed(fresh.expiresAt())));
        }).onFailure(RejectedException.class).recoverWithItem(failure -> {
            member.send(codec.error(Rejection.UNAUTHORIZED, failure.getMessage(), ref));
            return null;
        }).replaceWithVoid();
    }

    void ended(SocketSession session) {
        Identity identity = session.identity();
        if (identity != null) {
            vertx.cancelTimer(session.expiryTimer(-1));
            access.closed(identity);
        }
    }

    private void expireAt(SocketSession session, Identity identity) {
        long timer = vertx.setTimer(Math.max(1, identity.millisLeft()),
                fired -> session.member().disconnect(Disconnect.TOKEN_EXPIRED));
        long previous = session.expiryTimer(timer);
        if (previous >= 0) {
            vertx.cancelTimer(previous);
        }
    }
}
