package dev.chat.typing;

import dev.chat.wire.TypingNotice;

/**
 * Carries "someone is typing" to every instance that holds members of the room. Nothing is stored and
 * nothing is acknowledged: a notice lost on the way is only a missed hint, and the typer's next one,
 * {@code chat.typing.interval} later, takes its place.
 *
 * <p>Rules every implementation keeps: each notice reaches every instance's {@code FanOut.localTyping}
 * at most once, and none reaches an instance that holds no member of the room.
 */
public interface Typing {

    void relay(TypingNotice notice);
}
