package dev.chat.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.chat.message.ChatMessage;

class MessageFramesTest {

    private final MessageFrames frames = new MessageFrames();
    private final AtomicInteger serialised = new AtomicInteger();
    private final Function<ChatMessage, Frame> serialise = message -> {
        serialised.incrementAndGet();
        return new Frame(message.type(), message.from() + ": " + message.text() + " " + message.deleted(), message.seq());
    };

    @Test
    void aReplayOfARecentMessageSharesTheFrameFanOutMade() {
        ChatMessage live = new ChatMessage("lobby", 7, "alice", "hello", 1_000, "r1");
        Frame fannedOut = frames.of(live, serialise);

        // A later read of history brings an equal message, not the same object.
        Frame replayed = frames.of(new ChatMessage("lobby", 7, "alice", "hello", 1_000, "r1"), serialise);

        assertSame(fannedOut, replayed);
        assertEquals(1, serialised.get());
    }

    @Test
    void aTombstoneInTheSameRoomAndSeqIsNeverGivenTheDeletedMessagesFrame() {
        Frame original = frames.of(new ChatMessage("lobby", 7, "alice", "hello", 1_000, "r1"), serialise);

        Frame tombstone = frames.of(new ChatMessage("lobby", 7, "alice", null, 1_000, null, null, true), serialise);

        assertNotSame(original, tombstone);
        assertEquals("alice: null true", tombstone.json());
    }

    @Test
    void aRoomThatStartedOverHasItsOwnFramesForTheSameSeq() {
        frames.of(new ChatMessage("lobby", 1, "alice", "before the restart", 1_000, "r1"), serialise);

        Frame afresh = frames.of(new ChatMessage("lobby", 1, "bob", "after the restart", 2_000, "r2"), serialise);

        assertEquals("bob: after the restart null", afresh.json());
    }

    @Test
    void aLongMessageIsSerialisedForEachRecipientRatherThanKept() {
        ChatMessage essay = new ChatMessage("lobby", 3, "alice", "x".repeat(2_000), 1_000, "r1");

        Frame first = frames.of(essay, serialise);
        Frame second = frames.of(essay, serialise);

        assertNotSame(first, second);
        assertEquals(2, serialised.get());
    }
}
