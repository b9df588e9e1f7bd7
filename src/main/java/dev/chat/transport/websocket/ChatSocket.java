package dev.chat.transport.websocket;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.connections.OutboundConfig;
import dev.chat.fanout.FanOutMeters;
import dev.chat.message.Identity;
import dev.chat.room.Connection;
import dev.chat.room.Connections;
import dev.chat.room.JoinRequest;
import dev.chat.transport.websocket.handshake.HandshakeEcho;
import dev.chat.transport.websocket.handshake.HandshakeHeaders;
import dev.chat.transport.websocket.handshake.UpgradeGuard;
import dev.chat.transport.websocket.inbound.InboundOrder;
import dev.chat.transport.websocket.inbound.InboundReaction;
import dev.chat.transport.websocket.inbound.InboundText;
import dev.chat.transport.websocket.outbound.WebSocketSink;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;

/**
 * {@code GET /chat/{room}} joins the named room ({@code GET /} too, as the lobby: {@link LobbyRoute}).
 * Adapts a WebSocket to its room {@link Connection}: the handshake was checked by {@link UpgradeGuard},
 * text frames go in through {@link InboundText} in arrival order, and the room's frames come out through
 * {@link WebSocketSink}.
 */
// Serial order is kept per socket by InboundOrder, without the framework's per-socket queue.
@WebSocket(path = "/chat/{room}", inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class ChatSocket {

    static final CloseReason BINARY_REFUSED = new CloseReason(1003, "binary frames are not accepted");

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);
    private static final TypedKey<Socket> SOCKET = new TypedKey<>("chat.socket");

    private final Connections connections;
    private final ObjectMapper mapper;
    private final OutboundConfig outbound;
    private final FanOutMeters meters;

    ChatSocket(Connections connections, ObjectMapper mapper, OutboundConfig outbound, FanOutMeters meters) {
        this.connections = connections;
        this.mapper = mapper;
        this.outbound = outbound;
        this.meters = meters;
    }

    /** A socket's room connection and the order its inbound work runs in. */
    private record Socket(Connection chat, InboundOrder inOrder) {
    }

    @OnOpen
    Uni<Void> open(WebSocketConnection connection) {
        JoinRequest join = connection.userData().remove(UpgradeGuard.JOIN);
        Identity identity = connection.userData().remove(UpgradeGuard.IDENTITY);
        HandshakeHeaders.forget(connection.userData().remove(UpgradeGuard.REQUEST));
        WebSocketSink sink = new WebSocketSink(connection, connection.userData().remove(UpgradeGuard.CHANNEL),
                outbound.maxQueuedBytes(), meters);
        HandshakeEcho.sendTo(connection, sink, mapper);
        Connection chat = connections.open(join, identity, sink);
        Socket socket = new Socket(chat, new InboundOrder(Vertx.currentContext()));
        connection.userData().put(SOCKET, socket);
        return chat.join().onTermination().invoke(socket.inOrder()::joined);
    }

    @OnTextMessage
    Uni<Void> text(WebSocketConnection connection, String frame) {
        Socket socket = connection.userData().get(SOCKET);
        InboundReaction reaction = InboundReaction.parse(frame, mapper);
        if (reaction != null) {
            // From the message budget, then the reactions' own rate (chat.reactions.*).
            if (socket.chat().admit(reaction.ref())) {
                socket.inOrder().submit(() -> socket.chat().react(reaction.seq(), reaction.emoji(), reaction.ref()));
            }
            return Uni.createFrom().voidItem();
        }
        InboundText inbound = InboundText.parse(frame, mapper);
        if (inbound.isTyping()) {
            // Its own rate (chat.typing.interval), nothing from the message budget.
            socket.chat().typing();
        } else if (inbound.isRead()) {
            // Its own rate (chat.read.interval, coalesced), nothing from the message budget.
            socket.chat().read(inbound.seq(), inbound.ref()).subscribe().with(done -> {
            });
        } else if (socket.chat().admit(inbound.ref())) {
            socket.inOrder().submit(() -> inbound.isRefresh() ? socket.chat().refresh(inbound.refreshToken(), inbound.ref())
                    : inbound.isEdit() ? socket.chat().edit(inbound.seq(), inbound.text(), inbound.ref())
                    : socket.chat().say(inbound.text(), inbound.ref()));
        }
        return Uni.createFrom().voidItem();
    }

    @OnBinaryMessage
    Uni<Void> binary(WebSocketConnection connection, Buffer frame) {
        return connection.close(BINARY_REFUSED);
    }

    @OnClose
    Uni<Void> close(WebSocketConnection connection) {
        Socket socket = connection.userData().get(SOCKET);
        if (socket != null) {
            // After the join and every message already received, so a socket closed mid-join leaves no member.
            socket.inOrder().submit(() -> {
                socket.chat().close();
                return Uni.createFrom().voidItem();
            });
        }
        return Uni.createFrom().voidItem();
    }

    @OnError
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
}
