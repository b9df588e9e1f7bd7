package dev.chat.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Editor;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.message.History;
import dev.chat.backplane.HistoryConfig;
import dev.chat.message.Post;
import dev.chat.message.Reaction;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.room.Rooms;
import dev.chat.support.Collected;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules written on {@link Backplane}, proved the same way against every implementation. (Tests run
 * with a history of 20 messages per room.)
 */
abstract class BackplaneContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Backplane backplane;

    @Inject
    Rooms rooms;

    @Inject
    HistoryConfig history;

    @Test
    void seqStartsAtOneAndGrowsByOnePerRoom() {
        String room = newRoom();
        String other = newRoom();
        assertEquals(1, publish(room, "a").seq());
        assertEquals(2, publish(room, "b").seq());
        assertEquals(1, publish(other, "c").seq());
        History found = backplane.history(room, 0L, 10).await().atMost(WAIT);
        assertEquals(List.of("a", "b"), found.messages().stream().map(ChatMessage::text).toList());
        assertEquals(2, found.lastSeq());
        assertNull(found.gap());
    }

    @Test
    void concurrentSendersGiveEveryMemberTheSameOrderOnceWithoutHoles() {
        String room = newRoom();
        Collected first = listen(room);
        Collected second = listen(room);
        List<CompletableFuture<ChatMessage>> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sent.add(backplane.publish(new Post(room, "sender" + (i % 3), "m" + i, null)).subscribeAsCompletionStage());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        List<Long> expected = LongStream.rangeClosed(1, 60).boxed().toList();
        first.await("message", 60);
        second.await("message", 60);
        assertEquals(expected, first.seqs());
        assertEquals(expected, second.seqs());
        assertEquals(first.ofType("message").stream().map(m -> m.get("text")).toList(),
                second.ofType("message").stream().map(m -> m.get("text")).toList());
    }

    @Test
    void theAcknowledgedMessageIsTheStoredOne() {
        String room = newRoom();
        ChatMessage sent = backplane.publish(new Post(room, "alice", "hello", "r1")).await().atMost(WAIT);
        ChatMessage stored = backplane.history(room, 0L, 10).await().atMost(WAIT).messages().get(0);
        assertEquals(sent, stored);
    }

    @Test
    void historyKeepsTheLastMessagesAndNamesWhatWasEvicted() {
        String room = newRoom();
        int size = history.size();
        for (int i = 1; i <= size + 5; i++) {
            publish(room, "m" + i);
        }
        History resumed = backplane.history(room, 2L, size).await().atMost(WAIT);
        assertNotNull(resumed.gap());
        assertEquals(3, resumed.gap().from());
        assertEquals(5, resumed.gap().to());
        assertEquals(size, resumed.messages().size());
        assertEquals(6, resumed.messages().get(0).seq());
        assertEquals(size + 5, resumed.lastSeq());

        History newest = backplane.history(room, null, 3).await().atMost(WAIT);
        assertEquals(List.of((long) size + 3, (long) size + 4, (long) size + 5),
                newest.messages().stream().map(ChatMessage::seq).toList());
        assertNull(newest.gap());
    }

    @Test
    void aReaderPastADeletionIsToldOfIt() {
        String room = newRoom();
        publish(room, "one");
        ChatMessage doomed = publish(room, "two");
        publish(room, "three");
        assertEquals(true, backplane.delete(room, doomed.seq()).await().atMost(WAIT));

        History resumed = backplane.history(room, 3L, 10).await().atMost(WAIT);
        assertEquals(List.of(), resumed.messages());
        assertEquals(List.of(doomed.seq()), resumed.deletedBefore(), "what the reader holds and must drop");
        History across = backplane.history(room, 1L, 10).await().atMost(WAIT);
        assertEquals(List.of(), across.deletedBefore(), "a replay across it carries the tombstone instead");
        assertEquals(Boolean.TRUE, across.messages().get(0).deleted());
        assertEquals(List.of(), backplane.history(room, null, 10).await().atMost(WAIT).deletedBefore());
    }

    @Test
    void theEpochStaysWhileTheRoomIsKept() {
        String room = newRoom();
        publish(room, "a");
        String before = backplane.history(room, null, 5).await().atMost(WAIT).epoch();
        publish(room, "b");
        assertEquals(before, backplane.history(room, null, 5).await().atMost(WAIT).epoch());
    }

    @Test
    void aDeletionLeavesATombstoneInHistoryAndReachesTheRoomsMembers() {
        String room = newRoom();
        Collected member = listen(room);
        publish(room, "keep");
        ChatMessage doomed = backplane.publish(new Post(room, "mallory", "rude", "r9", "mallory-id")).await().atMost(WAIT);
        publish(room, "keep too");
        assertEquals(true, backplane.delete(room, doomed.seq()).await().atMost(WAIT));
        assertEquals(false, backplane.delete(room, 99).await().atMost(WAIT));

        assertEquals(doomed.seq(), member.await("delete", 1).get(0).get("seq").asLong());
        List<ChatMessage> kept = backplane.history(room, 0L, 10).await().atMost(WAIT).messages();
        assertEquals(List.of(1L, 2L, 3L), kept.stream().map(ChatMessage::seq).toList());
        assertEquals(doomed.tombstone(), kept.get(1));
        assertNull(kept.get(1).text());
        assertEquals("keep too", kept.get(2).text());
        assertEquals(doomed.tombstone(), backplane.history(room, null, 2).await().atMost(WAIT).messages().get(0));
    }

    @Test
    void theUidOfAMessageIsStoredWithIt() {
        String room = newRoom();
        ChatMessage sent = backplane.publish(new Post(room, "Alice", "hi", null, "alice-id")).await().atMost(WAIT);
        assertEquals("alice-id", sent.uid());
        assertEquals(sent, backplane.history(room, 0L, 10).await().atMost(WAIT).messages().get(0));
    }

    @Test
    void anEditReachesTheRoomsMembersAndHistoryCarriesIt() {
        String room = newRoom();
        Collected member = listen(room);
        publish(room, "before");
        ChatMessage typo = backplane.publish(new Post(room, "Alice", "helo", "r1", "alice-id")).await().atMost(WAIT);
        publish(room, "after");
        Edit fixed = new Edit(room, typo.seq(), "hello", typo.timestamp() + 5);
        assertEquals(fixed, backplane.edit(fixed, Editor.user("alice-id"), 0).await().atMost(WAIT));

        JsonNode told = member.await("edit", 1).get(0);
        assertEquals(typo.seq(), told.get("seq").asLong());
        assertEquals("hello", told.get("text").asText());
        assertEquals(fixed.edited(), told.get("edited").asLong());
        List<ChatMessage> kept = backplane.history(room, 0L, 10).await().atMost(WAIT).messages();
        assertEquals(typo.edited(fixed), kept.get(1), "same message, new text, with when");
        assertEquals("after", kept.get(2).text());
        assertNull(kept.get(2).edited());
        assertEquals(typo.edited(fixed), backplane.history(room, null, 2).await().atMost(WAIT).messages().get(0));
    }

    @Test
    void aReaderPastAnEditIsToldOfItAndADeletionWins() {
        String room = newRoom();
        ChatMessage first = publish(room, "one");
        ChatMessage second = publish(room, "two");
        publish(room, "three");
        Edit edit = new Edit(room, first.seq(), "uno", first.timestamp() + 1);
        backplane.edit(edit, Editor.anyMessage(), 0).await().atMost(WAIT);
        backplane.edit(new Edit(room, second.seq(), "dos", second.timestamp() + 1), Editor.anyMessage(), 0).await().atMost(WAIT);
        backplane.delete(room, second.seq()).await().atMost(WAIT);

        History resumed = backplane.history(room, 3L, 10).await().atMost(WAIT);
        assertEquals(List.of(edit), resumed.editedBefore(), "what the reader holds; the deleted one is only deleted");
        assertEquals(List.of(second.seq()), resumed.deletedBefore());
        History across = backplane.history(room, 0L, 10).await().atMost(WAIT);
        assertEquals(List.of(), across.editedBefore(), "a replay across it carries the edited message instead");
        assertEquals("uno", across.messages().get(0).text());
        assertEquals(second.tombstone(), across.messages().get(1));
    }

    @Test
    void anEditIsRefusedForAnUnknownDeletedTooOldOrSomeoneElsesMessageAndNothingChanges() {
        String room = newRoom();
        Collected member = listen(room);
        ChatMessage mine = backplane.publish(new Post(room, "Alice", "mine", null, "alice-id")).await().atMost(WAIT);
        ChatMessage doomed = backplane.publish(new Post(room, "Alice", "doomed", null, "alice-id")).await().atMost(WAIT);
        backplane.delete(room, doomed.seq()).await().atMost(WAIT);

        assertRefused(Rejection.NOT_FOUND, new Edit(room, 99, "x", 1), Editor.anyMessage(), 0);
        assertRefused(Rejection.NOT_FOUND, new Edit(newRoom(), 1, "x", 1), Editor.anyMessage(), 0);
        assertRefused(Rejection.GONE, new Edit(room, doomed.seq(), "x", 1), Editor.anyMessage(), 0);
        assertRefused(Rejection.FORBIDDEN, new Edit(room, mine.seq(), "x", 1), Editor.user("mallory-id"), 0);
        assertRefused(Rejection.FORBIDDEN, new Edit(room, mine.seq(), "x", 1), Editor.nobody(), 0);
        assertRefused(Rejection.GONE, new Edit(room, mine.seq(), "x", 1), Editor.user("alice-id"), mine.timestamp() + 1);

        assertEquals(List.of(mine, doomed.tombstone()), backplane.history(room, 0L, 10).await().atMost(WAIT).messages());
        publish(room, "still chatting");
        member.await("message", 3);
        assertEquals(List.of(), member.ofType("edit"));
    }

    @Test
    void anEditOfAMessageOutOfHistoryIsUnknown() {
        String room = newRoom();
        ChatMessage evicted = publish(room, "old");
        for (int i = 0; i < history.size(); i++) {
            publish(room, "m" + i);
        }
        assertRefused(Rejection.NOT_FOUND, new Edit(room, evicted.seq(), "x", 1), Editor.anyMessage(), 0);
    }

    private void assertRefused(Rejection expected, Edit edit, Editor editor, long notBefore) {
        RejectedException refused = assertThrows(RejectedException.class,
                () -> backplane.edit(edit, editor, notBefore).await().atMost(WAIT));
        assertEquals(expected, refused.rejection(), refused.getMessage());
    }

    @Test
    void aReactionTogglesOncePerPersonAndEveryMemberAndHistoryGetTheCounts() {
        String room = newRoom();
        Collected member = listen(room);
        ChatMessage message = publish(room, "react to me");
        assertEquals(Map.of("👍", 1), react(room, message.seq(), "ann", "👍"));
        assertEquals(Map.of("👍", 2), react(room, message.seq(), "bob", "👍"));
        assertEquals(List.of("👍", "👨‍👩‍👧"), List.copyOf(react(room, message.seq(), "ann", "👨‍👩‍👧").keySet()),
                "emoji in the order they were first used");
        assertEquals(Map.of("👍", 1, "👨‍👩‍👧", 1), react(room, message.seq(), "ann", "👍"), "ann's second 👍 takes hers back");

        List<JsonNode> told = member.await("reactions", 4);
        assertEquals(message.seq(), told.get(3).get("seq").asLong());
        assertEquals(1, told.get(3).get("reactions").get("👍").asInt());
        assertEquals(1, told.get(3).get("reactions").get("👨‍👩‍👧").asInt());
        assertEquals(Map.of("👍", 1, "👨‍👩‍👧", 1), backplane.history(room, 0L, 10).await().atMost(WAIT).messages().get(0).reactions());
        assertEquals(Map.of("👍", 1, "👨‍👩‍👧", 1), backplane.history(room, null, 10).await().atMost(WAIT).messages().get(0).reactions());
        assertEquals(Map.of(message.seq(), Map.of("👍", 1, "👨‍👩‍👧", 1)),
                backplane.history(room, message.seq(), 10).await().atMost(WAIT).reactedBefore(), "what a resumer holds");
    }

    @Test
    void countsThatReachZeroDisappearAndAResumerIsToldSo() {
        String room = newRoom();
        ChatMessage message = publish(room, "hm");
        publish(room, "later");
        react(room, message.seq(), "ann", "🇰🇷");
        assertEquals(Map.of(), react(room, message.seq(), "ann", "🇰🇷"));
        History whole = backplane.history(room, 0L, 10).await().atMost(WAIT);
        assertNull(whole.messages().get(0).reactions(), "absent when none");
        assertEquals(Map.of(), whole.reactedBefore());
        assertEquals(Map.of(message.seq(), Map.of()), backplane.history(room, 2L, 10).await().atMost(WAIT).reactedBefore(),
                "a resumer that held a count learns it is gone");
    }

    @Test
    void aMessageTakesAtMostTheDifferentEmojiAllowedAndARefusalChangesNothing() {
        String room = newRoom();
        ChatMessage message = publish(room, "popular");
        react(room, message.seq(), "ann", "👍");
        react(room, message.seq(), "ann", "👍🏽");
        react(room, message.seq(), "ann", "🎉");
        RejectedException refused = assertThrows(RejectedException.class, () -> react(room, message.seq(), "bob", "😀", 3));
        assertEquals(Rejection.BAD_REQUEST, refused.rejection());
        assertEquals(Map.of("👍", 2, "👍🏽", 1, "🎉", 1), react(room, message.seq(), "bob", "👍", 3), "a used one still toggles");
    }

    @Test
    void anUnknownDeletedOrEvictedMessageCannotBeReactedTo() {
        String room = newRoom();
        assertEquals(Rejection.NOT_FOUND, refusal(room, 1), "a room never written");
        ChatMessage doomed = publish(room, "doomed");
        react(room, doomed.seq(), "ann", "👍");
        assertEquals(Rejection.NOT_FOUND, refusal(room, 99));
        assertEquals(Rejection.NOT_FOUND, refusal(room, 0));
        assertEquals(true, backplane.delete(room, doomed.seq()).await().atMost(WAIT));
        assertEquals(Rejection.NOT_FOUND, refusal(room, doomed.seq()));
        History after = backplane.history(room, 0L, 10).await().atMost(WAIT);
        assertNull(after.messages().get(0).reactions(), "a tombstone carries no reactions");
        for (int i = 0; i <= history.size(); i++) {
            publish(room, "m" + i);
        }
        assertEquals(Rejection.NOT_FOUND, refusal(room, 2), "gone from history");
        assertEquals(Map.of("👍", 1), react(room, history.size() + 2, "ann", "👍"));
    }

    protected Map<String, Integer> react(String room, long seq, String person, String emoji) {
        return react(room, seq, person, emoji, 20);
    }

    protected Map<String, Integer> react(String room, long seq, String person, String emoji, int maxEmoji) {
        return backplane.react(new Reaction(room, seq, person, emoji), maxEmoji).await().atMost(WAIT);
    }

    private Rejection refusal(String room, long seq) {
        return assertThrows(RejectedException.class, () -> react(room, seq, "ann", "👍")).rejection();
    }

    protected ChatMessage publish(String room, String text) {
        return backplane.publish(new Post(room, "alice", text, null)).await().atMost(WAIT);
    }

    /** A started member on this instance that keeps what it is sent, as a connection would. */
    protected Collected listen(String room) {
        Collected frames = new Collected();
        rooms.listen(room, frames);
        backplane.history(room, null, 1).await().atMost(WAIT);
        return frames;
    }

    protected static String newRoom() {
        return "contract-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
