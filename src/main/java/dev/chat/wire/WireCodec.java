package dev.chat.wire;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Gap;
import dev.chat.message.History;
import dev.chat.message.Rejection;

/** Turns server events into the JSON every transport sends. */
@ApplicationScoped
public class WireCodec {

    private final ObjectMapper mapper;
    private final MessageFrames messageFrames = new MessageFrames();

    WireCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The message's frame, shared with every other recipient, live or replayed, while it is recent. */
    public Frame message(ChatMessage message) {
        return messageFrames.of(message, serialised -> new Frame(serialised.type(), json(serialised), serialised.seq()));
    }

    public Frame event(WireEvent event) {
        return new Frame(event.type(), json(event), 0);
    }

    public Frame edit(Edit edit) {
        return new Frame(Edit.TYPE, json(edit), 0);
    }

    public Frame gap(Gap gap) {
        return new Frame(gap.type(), json(gap), 0);
    }

    /** A reset gap sent to members already live: whoever writes it forgets the {@code seq} it had. */
    public Frame restart(Gap reset) {
        return new Frame(reset.type(), json(reset), Frame.RESTART);
    }

    /**
     * What a member is sent first, in this order: its welcome, a gap if part of what it asked for is gone, the
     * replay, then a {@code delete} for each message it held from before that a moderator deleted while it was away,
     * an {@code edit} with the current text of each such message that was edited, then the current
     * {@code reactions} of each message it held from before that anyone reacted to.
     */
    public List<Frame> opening(Welcome welcome, History found) {
        List<Frame> frames = new ArrayList<>(found.messages().size() + 2);
        frames.add(event(welcome));
        if (found.gap() != null) {
            frames.add(gap(found.gap()));
        }
        found.messages().forEach(message -> frames.add(message(message)));
        found.deletedBefore().forEach(seq -> frames.add(event(new Deletion(welcome.room(), seq))));
        found.editedBefore().forEach(edit -> frames.add(edit(edit)));
        found.reactedBefore().forEach((seq, counts) -> frames.add(event(new ReactionsNotice(welcome.room(), seq, counts))));
        return frames;
    }

    public Frame error(Rejection rejection, String text, String ref) {
        return event(new ErrorNotice(rejection.code(), text, rejection == Rejection.REJECTED ? text : null, ref));
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
