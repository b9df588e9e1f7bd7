package dev.chat.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.chat.room.Rooms;
import io.quarkus.oidc.SecurityEvent;

/**
 * Signing out ({@code quarkus.oidc.logout.path}) ends the chat session and, through the provider's end-session
 * endpoint, the provider's session (RP-initiated logout); this closes the person's connections too, on every
 * instance, since their tokens stay valid until they expire.
 */
@ApplicationScoped
class SignedOut {

    private static final Logger LOG = Logger.getLogger(SignedOut.class);

    private final Rooms rooms;

    SignedOut(Rooms rooms) {
        this.rooms = rooms;
    }

    void onLogout(@Observes SecurityEvent event) {
        if (event.getEventType() != SecurityEvent.Type.OIDC_LOGOUT_RP_INITIATED
                || !(event.getSecurityIdentity().getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
            return;
        }
        rooms.disconnectUserEverywhere(token.getSubject()).subscribe().with(
                done -> LOG.debugf("signed out: closed the connections of %s", token.getSubject()),
                failure -> LOG.warnf("signed out, but the connections of %s stay open: %s", token.getSubject(), failure));
    }
}
