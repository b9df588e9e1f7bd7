package dev.chat.message;

/** A chat message on its way in, before the backplane gives it a place in the room's order. */
public record Post(String room, String from, String text, String ref) {
}
