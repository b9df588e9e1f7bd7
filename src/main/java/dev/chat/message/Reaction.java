package dev.chat.message;

/**
 * One person toggling one emoji on message {@code seq} of a room. {@code person} is who reacts: the uid in
 * token mode, the display name in open mode; each person counts once per emoji.
 */
public record Reaction(String room, long seq, String person, String emoji) {
}
