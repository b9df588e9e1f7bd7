package dev.chat.backplane;

import java.util.Map;

import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Editor;
import dev.chat.message.History;
import dev.chat.message.Post;
import dev.chat.message.Reaction;
import io.smallrye.mutiny.Uni;

/**
 * Orders the messages of every room and carries them to every instance that serves the room.
 *
 * <p>Rules every implementation keeps:
 * <ul>
 * <li>{@link #publish} gives the post the next {@code seq} of its room and appends it to the room's
 * history in one atomic step, so {@code seq} has no holes and history order is {@code seq} order.</li>
 * <li>Each published message is handed to the local {@code FanOut} of every instance exactly once, and
 * the messages of one room in {@code seq} order.</li>
 * <li>The returned {@code Uni} completes only after the message is stored; a failed publish stored and
 * delivered nothing, so a client that was not acknowledged may safely send again.</li>
 * <li>History is bounded to {@code chat.history.size} messages per room and names its epoch: when a
 * room's store is lost and {@code seq} starts over, the epoch changes.</li>
 * </ul>
 */
public interface Backplane {

    Uni<ChatMessage> publish(Post post);

    /**
     * Retained messages of {@code room} with {@code seq > since}, or the last {@code limit} when
     * {@code since} is null; with a {@link dev.chat.message.Gap} when {@code since} is older than what is retained.
     */
    Uni<History> history(String room, Long since, int limit);

    /**
     * Replaces message {@code seq} of the room by its tombstone in history and tells the local
     * {@code FanOut} of every instance; false when the room has no such message yet.
     */
    Uni<Boolean> delete(String room, long seq);

    /**
     * Gives message {@code edit.seq()} of the room its new text in history and tells the local {@code FanOut}
     * of every instance, in one step with the checks, so a deletion or a second edit cannot slip between
     * them. Fails with a {@link dev.chat.message.RejectedException}: {@code NOT_FOUND} when the room retains no
     * such message, {@code GONE} when it was deleted or sent before {@code notBefore}, {@code FORBIDDEN} when
     * the editor may not edit it; then nothing changed.
     */
    Uni<Edit> edit(Edit edit, Editor editor, long notBefore);

    /**
     * Toggles the person's emoji on message {@code seq} of the room and tells the local {@code FanOut} of every
     * instance the message's counts after it, in the same step; answers those counts. A message carries at most
     * {@code maxEmoji} different emoji. Fails with {@code NOT_FOUND} when the room holds no such message (never
     * sent, deleted, or gone from history) and {@code BAD_REQUEST} for one emoji too many; then nothing changes.
     * Reactions are kept as long as their message is, and history reports their counts.
     */
    Uni<Map<String, Integer>> react(Reaction reaction, int maxEmoji);

    /** Closes the user's connections on every instance. */
    Uni<Void> disconnectUser(String uid);
}
