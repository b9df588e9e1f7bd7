package dev.chat.transport.http;

/** The body of {@code POST /api/rooms/{room}/messages}; {@code name} and {@code ref} are optional. */
public record PostRequest(String name, String text, String ref) {
}
