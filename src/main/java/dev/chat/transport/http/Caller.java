package dev.chat.transport.http;

import jakarta.enterprise.context.RequestScoped;

import dev.chat.message.Identity;

/** Who made the current API request, as {@link AccessFilter} verified it; null in open mode. */
@RequestScoped
public class Caller {

    private Identity identity;

    public Identity identity() {
        return identity;
    }

    void identity(Identity verified) {
        this.identity = verified;
    }
}
