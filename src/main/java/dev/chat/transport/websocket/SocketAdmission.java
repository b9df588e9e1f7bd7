package dev.chat.transport.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.auth.BearerToken;
import dev.chat.message.Identity;
import dev.chat.message.RejectedException;
import dev.chat.room.Access;
import dev.chat.transport.Gate;
import io.quarkus.websockets.next.HttpUpgradeCheck.CheckResult;
import io.quarkus.websockets.next.HttpUpgradeCheck.HttpUpgradeContext;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * In token mode, the last check before the handshake: a valid token (401), a granted room (403) and room
 * for one more connection of the user (429). The identity rides to the socket in its user data.
 */
@ApplicationScoped
class SocketAdmission {

    static final TypedKey<Identity> IDENTITY = new TypedKey<>("chat.identity");

    private final Gate gate;
    private final Access access;

    SocketAdmission(Gate gate, Access access) {
        this.gate = gate;
        this.access = access;
    }

    boolean isTokenMode() {
        return gate.isTokenMode();
    }

    Uni<CheckResult> admit(HttpUpgradeContext context, String room) {
        if (!gate.isTokenMode()) {
            return CheckResult.permitUpgrade();
        }
        HttpServerRequest request = context.httpRequest();
        return gate.admit(request.getHeader(HttpHeaders.AUTHORIZATION), request.getParam(BearerToken.QUERY_PARAMETER), room)
                .flatMap(identity -> {
                    access.opened(identity);
                    context.userData().put(IDENTITY, identity);
                    return CheckResult.permitUpgrade();
                })
                .onFailure(RejectedException.class)
                .recoverWithUni(failure -> CheckResult.rejectUpgrade(((RejectedException) failure).rejection().httpStatus()));
    }
}
