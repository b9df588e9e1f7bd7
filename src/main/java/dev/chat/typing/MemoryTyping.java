package dev.chat.typing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.fanout.FanOut;
import dev.chat.wire.TypingNotice;

/** One instance: its members are the whole room. */
@ApplicationScoped
@Typed(MemoryTyping.class)
public class MemoryTyping implements Typing {

    private final FanOut fanOut;

    MemoryTyping(FanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public void relay(TypingNotice notice) {
        fanOut.localTyping(notice);
    }
}
