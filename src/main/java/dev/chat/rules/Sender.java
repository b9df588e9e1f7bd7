package dev.chat.rules;

/**
 * Whose budget a message takes from when it has no connection of its own to hang a bucket on: a
 * verified user (token mode, shared by all the user's connections and posts), or an anonymous client
 * address (everyone behind it, whatever names they give).
 */
public record Sender(String key, boolean isAddress) {

    public static Sender user(String uid) {
        return new Sender("user|" + uid, false);
    }

    /** The user a {@link #user} sender stands for. */
    public String uid() {
        return key.substring(key.indexOf('|') + 1);
    }

    public static Sender address(String hostAddress) {
        return new Sender("address|" + hostAddress, true);
    }
}
