package dev.chat.message;

/**
 * A chat message on its way in, before the backplane gives it a place in the room's order. {@code uid} is
 * the verified sender in token mode, null in open mode.
 */
public record Post(String room, String from, String text, String ref, String uid) {

    public Post(String room, String from, String text, String ref) {
        this(room, from, text, ref, null);
    }
}
