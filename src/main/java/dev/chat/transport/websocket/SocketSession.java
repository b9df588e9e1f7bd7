package dev.chat.transport.websocket;

import java.util.function.BooleanSupplier;

import dev.chat.fanout.Member;
import dev.chat.message.Identity;

/**
 * What the server keeps per WebSocket: its member, the order its inbound work runs in, its rate budget and
 * how often it went over it lately; in token mode also its identity and the timer that ends it at expiry.
 */
final class SocketSession {

    private static final long ABUSE_WINDOW_NANOS = 10_000_000_000L;

    private final Member member;
    private final InboundOrder inOrder;
    private final BooleanSupplier budget;
    private volatile Identity identity;
    private long expiryTimer = -1;
    private int refusedLately;
    private long windowStart = System.nanoTime();

    SocketSession(Member member, InboundOrder inOrder, BooleanSupplier budget, Identity identity) {
        this.member = member;
        this.inOrder = inOrder;
        this.budget = budget;
        this.identity = identity;
    }

    Member member() {
        return member;
    }

    InboundOrder inOrder() {
        return inOrder;
    }

    /** Null in open mode. */
    Identity identity() {
        return identity;
    }

    void identity(Identity refreshed) {
        this.identity = refreshed;
    }

    /** Swaps the expiry timer's id; returns the one it replaces, or -1. */
    synchronized long expiryTimer(long timer) {
        long previous = expiryTimer;
        expiryTimer = timer;
        return previous;
    }

    /** Takes a token; false means the message is over the rate limit. */
    synchronized boolean admit() {
        if (budget.getAsBoolean()) {
            return true;
        }
        long now = System.nanoTime();
        if (now - windowStart > ABUSE_WINDOW_NANOS) {
            windowStart = now;
            refusedLately = 0;
        }
        refusedLately++;
        return false;
    }

    /** Messages refused in the current ten-second window. */
    synchronized int refusedLately() {
        return refusedLately;
    }
}
