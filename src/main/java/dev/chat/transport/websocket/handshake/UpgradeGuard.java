package dev.chat.transport.websocket.handshake;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.auth.BearerToken;
import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.message.RoomName;
import dev.chat.ops.Drain;
import dev.chat.room.Admission;
import dev.chat.room.JoinRequest;
import dev.chat.transport.OriginPolicy;
import io.netty.channel.Channel;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Checks everything before the handshake, so a refusal is a plain HTTP status rather than a socket that
 * opens and closes at once: 503 while draining, 403 for a foreign origin, 400 for a bad room, name or
 * resume position, and in token mode {@link Admission}'s 401, 403 or 429. The join request and identity
 * ride to the socket in its user data. Then it drops the headers nobody reads again ({@link HandshakeHeaders}).
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {

    public static final TypedKey<JoinRequest> JOIN = new TypedKey<>("chat.join");
    /** Null in open mode. */
    public static final TypedKey<Identity> IDENTITY = new TypedKey<>("chat.identity");
    /**
     * The socket under the upgrade. websockets-next has no public way to write one buffer to many
     * connections or to gather writes, so the socket's sink writes prepared frames to it directly.
     */
    public static final TypedKey<Channel> CHANNEL = new TypedKey<>("chat.channel");
    /** The upgrade request, whose last headers go once the socket is open ({@link HandshakeHeaders}). */
    public static final TypedKey<HttpServerRequest> REQUEST = new TypedKey<>("chat.request");

    private final OriginPolicy origins;
    private final Drain drain;
    private final Admission admission;

    UpgradeGuard(OriginPolicy origins, Drain drain, Admission admission) {
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
        JoinRequest join = JoinRequest.of(room == null ? RoomName.LOBBY : room, admission.isTokenMode() ? null : request.getParam("name"),
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
        HandshakeEcho.watch(context, request, connection.channel());
        // Admission reads the headers it needs (Authorization) as it is asked, before they go.
        Uni<CheckResult> admitted = admit(context, request, join.room());
        HandshakeHeaders.keepOnlyTheHandshakes(request.headers());
        return admitted;
    }

    private Uni<CheckResult> admit(HttpUpgradeContext context, HttpServerRequest request, String room) {
        if (!admission.isTokenMode()) {
            return CheckResult.permitUpgrade();
        }
        return admission.identify(request.getHeader(HttpHeaders.AUTHORIZATION), request.getParam(BearerToken.QUERY_PARAMETER), room)
                .flatMap(identity -> admission.holdConnection(identity).flatMap(held -> {
                    context.userData().put(IDENTITY, identity);
                    return CheckResult.permitUpgrade();
                }))
                .onFailure(RejectedException.class)
                .recoverWithUni(failure -> CheckResult.rejectUpgrade(((RejectedException) failure).rejection().httpStatus()));
    }
}
