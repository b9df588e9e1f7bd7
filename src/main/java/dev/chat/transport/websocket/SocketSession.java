package dev.chat.transport.websocket;

import dev.chat.fanout.Member;
import dev.chat.limits.TokenBucket;

/**
 * What the server keeps per WebSocket: its member, the order its inbound work runs in, its rate budget and
 * how often it went over it lately.
 */
final class SocketSession {

    private static final long ABUSE_WINDOW_NANOS = 10_000_000_000L;

    private final Member member;
    private final InboundOrder inOrder;
    private final TokenBucket bucket;
    private int refusedLately;
    private long windowStart = System.nanoTime();

    SocketSession(Member member, InboundOrder inOrder, TokenBucket bucket) {
        this.member = member;
        this.inOrder = inOrder;
        this.bucket = bucket;
    }

    Member member() {
        return member;
    }

    InboundOrder inOrder() {
        return inOrder;
    }

    /** Takes a token; false means the message is over the rate limit. */
    synchronized boolean admit() {
        if (bucket == null || bucket.tryTake()) {
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
