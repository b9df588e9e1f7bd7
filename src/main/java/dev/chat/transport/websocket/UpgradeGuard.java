package dev.chat.transport.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.room.RoomName;
import dev.chat.transport.JoinRequest;
import dev.chat.transport.OriginPolicy;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Checks origin, room, name and resume position before the handshake, so a refusal is a plain HTTP
 * status (403, 400) rather than a socket that opens and closes at once.
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {

    static final TypedKey<JoinRequest> JOIN = new TypedKey<>("chat.join");

    private final OriginPolicy origins;

    UpgradeGuard(OriginPolicy origins) {
        this.origins = origins;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (!origins.allows(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.HOST))) {
            return CheckResult.rejectUpgrade(403);
        }
        String room = context.pathParam("room");
        JoinRequest join = JoinRequest.of(room == null ? RoomName.LOBBY : room, request.getParam("name"),
                request.getParam("since"), request.getParam("epoch"));
        if (!join.isValid()) {
            return CheckResult.rejectUpgrade(400);
        }
        context.userData().put(JOIN, join);
        return CheckResult.permitUpgrade();
    }
}
