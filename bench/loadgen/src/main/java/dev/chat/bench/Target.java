package dev.chat.bench;

import java.nio.charset.StandardCharsets;

/**
 * The four servers the benchmark compares, and what differs between them on the wire: the URL, when a
 * new connection counts as open, and how a chat text is wrapped in a frame.
 */
enum Target {

    /** This service: a room per run; the welcome frame opens the connection. */
    CHAT("chat", true),
    /** The Quarkus quickstart pattern, {@code @OnTextMessage(broadcast = true)}: open after the upgrade. */
    QUARKUS_BROADCAST("quarkus-broadcast", false),
    /** The lecture's Node relay on {@code ws@8}: it greets each connection first. */
    NODE_WS("node-ws", true),
    /** Socket.IO 4 over its WebSocket transport: open once the default namespace is joined. */
    SOCKETIO("socketio", false);

    private static final byte[] SOCKETIO_PREFIX = "42[\"message\",\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SOCKETIO_SUFFIX = "\"]".getBytes(StandardCharsets.US_ASCII);

    final String name;
    final boolean greets;

    Target(String name, boolean greets) {
        this.name = name;
        this.greets = greets;
    }

    static Target named(String name) {
        for (Target target : values()) {
            if (target.name.equals(name)) {
                return target;
            }
        }
        throw new IllegalArgumentException("unknown target " + name);
    }

    /** {@code since}: the last seq the client saw, when it resumes (chat only); -1 when it does not. */
    String path(String room, int client, long since) {
        return switch (this) {
            case CHAT -> "/chat/" + room + "?name=c" + client + (since >= 0 ? "&since=" + since : "");
            case QUARKUS_BROADCAST -> "/chat";
            case NODE_WS -> "/";
            case SOCKETIO -> "/socket.io/?EIO=4&transport=websocket";
        };
    }

    /** The frame payload that carries {@code text} as a chat message. */
    byte[] wrap(byte[] text) {
        if (this != SOCKETIO) {
            return text;
        }
        byte[] payload = new byte[SOCKETIO_PREFIX.length + text.length + SOCKETIO_SUFFIX.length];
        System.arraycopy(SOCKETIO_PREFIX, 0, payload, 0, SOCKETIO_PREFIX.length);
        System.arraycopy(text, 0, payload, SOCKETIO_PREFIX.length, text.length);
        System.arraycopy(SOCKETIO_SUFFIX, 0, payload, SOCKETIO_PREFIX.length + text.length, SOCKETIO_SUFFIX.length);
        return payload;
    }
}
