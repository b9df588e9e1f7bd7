package dev.chat.wire;

/** Everything the server sends names its kind in {@code type}. */
public interface WireEvent {

    String type();
}
