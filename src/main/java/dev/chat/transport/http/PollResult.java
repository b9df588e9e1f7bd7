package dev.chat.transport.http;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Gap;
import dev.chat.message.History;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a poll answers: the messages after the client's position, the room's last seq, a gap if any, and the
 * seqs at or before the position that a moderator deleted (absent when none), whose text the client drops, and
 * the current text of those at or before it that were edited (absent when none), which the client shows instead,
 * and the current reaction counts of the messages at or before the position that anyone reacted to, by seq
 * (absent when none), which replace the counts the client holds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record PollResult(List<ChatMessage> messages, long lastSeq, String epoch, Gap gap, List<Long> deleted,
        List<Edit> edited, Map<Long, Map<String, Integer>> reactions) {

    static PollResult of(History history) {
        return new PollResult(history.messages(), history.lastSeq(), history.epoch(), history.gap(),
                history.deletedBefore().isEmpty() ? null : history.deletedBefore(),
                history.editedBefore().isEmpty() ? null : history.editedBefore(),
                history.reactedBefore().isEmpty() ? null : history.reactedBefore());
    }
}
