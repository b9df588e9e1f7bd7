package dev.chat.transport.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.RoomName;
import dev.chat.ops.Drain;
import dev.chat.transport.JoinRequest;
import dev.chat.transport.OriginPolicy;
import io.netty.channel.Channel;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Checks origin, room, name and resume position before the handshake, so a refusal is a plain HTTP
 * status (403, 400, or 503 while draining; in token mode 401, 403 or 429 from {@link SocketAdmission})
 * rather than a socket that opens and closes at once. Then drops the headers nobody reads again
 * ({@link HandshakeHeaders}).
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {

    static final TypedKey<JoinRequest> JOIN = new TypedKey<>("chat.join");
    /**
     * The socket under the upgrade. websockets-next has no public way to write one buffer to many
     * connections or to gather writes, so {@link WebSocketSink} writes prepared frames to it directly.
     */
    static final TypedKey<Channel> CHANNEL = new TypedKey<>("chat.channel");
    /** The upgrade request, whose last headers go once the socket is open ({@link HandshakeHeaders}). */
    static final TypedKey<HttpServerRequest> REQUEST = new TypedKey<>("chat.request");

    private final OriginPolicy origins;
    private final Drain drain;
    private final SocketAdmission admission;

    UpgradeGuard(OriginPolicy origins, Drain drain, SocketAdmission admission) {
        this.origins = origins;
        this.drain = drain;
        this.admission = admission;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (drain.isDraining()) {
            return CheckResult.rejectUpgrade(503);
        }
        HttpServerRequest request = context.httpRequest();
        if (!origins.allows(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.HOST))) {
            return CheckResult.rejectUpgrade(403);
        }
        String room = context.pathParam("room");
        // In token mode the name comes from the token, whatever the client asks for.
        JoinRequest join = JoinRequest.of(room == null ? RoomName.LOBBY : room,
                admission.isTokenMode() ? null : request.getParam("name"),
                request.getParam("since"), request.getParam("epoch"));
        if (!join.isValid()) {
            return CheckResult.rejectUpgrade(400);
        }
        if (!(request.connection() instanceof ConnectionBase connection)) {
            return CheckResult.rejectUpgrade(400);
        }
        context.userData().put(JOIN, join);
        context.userData().put(CHANNEL, connection.channel());
        context.userData().put(REQUEST, request);
        // Admission reads the headers it needs (Authorization) as it is asked, before they go.
        Uni<CheckResult> admitted = admission.admit(context, join.room());
        HandshakeHeaders.keepOnlyTheHandshakes(request.headers());
        return admitted;
    }
}
