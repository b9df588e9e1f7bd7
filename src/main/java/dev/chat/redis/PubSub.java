package dev.chat.redis;

import io.vertx.mutiny.redis.client.Command;

/** The pub/sub commands a room's channel uses, and the names of their replies. */
public enum PubSub {

    PLAIN(Command.PUBLISH, Command.SUBSCRIBE, Command.UNSUBSCRIBE, "message", "subscribe", "unsubscribe"),
    SHARDED(Command.SPUBLISH, Command.SSUBSCRIBE, Command.SUNSUBSCRIBE, "smessage", "ssubscribe", "sunsubscribe");

    final Command publish;
    final Command subscribe;
    final Command unsubscribe;
    final String message;
    final String subscribed;
    final String unsubscribed;

    PubSub(Command publish, Command subscribe, Command unsubscribe, String message, String subscribed, String unsubscribed) {
        this.publish = publish;
        this.subscribe = subscribe;
        this.unsubscribe = unsubscribe;
        this.message = message;
        this.subscribed = subscribed;
        this.unsubscribed = unsubscribed;
    }

    /** The command name, as a Lua script passes it to {@code redis.call}. */
    public String publishCommand() {
        return publish.toString();
    }

    public Command publish() {
        return publish;
    }
}
