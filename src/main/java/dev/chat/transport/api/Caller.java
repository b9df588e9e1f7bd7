package dev.chat.transport.api;

import jakarta.enterprise.context.RequestScoped;

import dev.chat.message.Identity;

/**
 * Who made the current API request, as {@link AccessFilter} verified it: a user's identity (null in open
 * mode), or the application itself when it presented a server key.
 */
@RequestScoped
public class Caller {

    private Identity identity;
    private boolean server;

    /** The request carries a valid {@code X-API-Key}: the application's backend, not a user. */
    public boolean isServer() {
        return server;
    }

    void server() {
        this.server = true;
    }

    public Identity identity() {
        return identity;
    }

    void identity(Identity verified) {
        this.identity = verified;
    }
}
