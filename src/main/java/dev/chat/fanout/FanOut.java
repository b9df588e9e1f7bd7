package dev.chat.fanout;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.ChatMessage;
import dev.chat.message.Edit;
import dev.chat.message.Gap;
import dev.chat.wire.Deletion;
import dev.chat.trace.MessageTraces;
import dev.chat.wire.Frame;
import dev.chat.wire.PresenceNotice;
import dev.chat.wire.ReadNotice;
import dev.chat.wire.ReactionsNotice;
import dev.chat.wire.TypingNotice;
import dev.chat.wire.WireCodec;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The last step of a message's path: a local broadcast to the members this instance holds, as the
 * backplane hands each message to every instance. Each message is serialised once for all of them.
 */
@ApplicationScoped
public class FanOut {

    private final LocalMembers members;
    private final WireCodec codec;
    private final FanOutMeters meters;
    private final MessageTraces traces;

    FanOut(LocalMembers members, WireCodec codec, FanOutMeters meters, MessageTraces traces) {
        this.members = members;
        this.codec = codec;
        this.meters = meters;
        this.traces = traces;
    }

    /** Called by the backplane in {@code seq} order for each room, with the message's send span current. */
    public void localBroadcast(ChatMessage message) {
        localBroadcast(message, Span.current().getSpanContext());
    }

    /**
     * Called by the backplane in {@code seq} order for each room; {@code sender} is the message's send span,
     * perhaps on another instance. One span covers the whole fan-out, never one per recipient.
     */
    public void localBroadcast(ChatMessage message, SpanContext sender) {
        long started = System.nanoTime();
        Span span = traces.fanOut(message, sender);
        Frame frame = codec.message(message);
        int recipients = 0;
        for (Member member : members.of(message.room())) {
            member.push(frame);
            recipients++;
        }
        MessageTraces.fannedOut(span, recipients);
        meters.fannedOut(recipients, System.nanoTime() - started);
    }

    /**
     * Called by the backplane when the room's history started over (its store was lost): members are told
     * with a reset gap, and the next {@code seq} they accept is 1.
     */
    public void restart(String room) {
        Frame frame = codec.restart(Gap.reset(room));
        for (Member member : members.of(room)) {
            member.push(frame);
        }
    }

    /** Called by the backplane when a moderator deleted a message: every local member of the room is told. */
    public void deleted(String room, long seq) {
        Frame frame = codec.event(new Deletion(room, seq));
        for (Member member : members.of(room)) {
            member.push(frame);
        }
    }

    /** Called by the backplane when a message was edited: every local member of the room is told. */
    public void edited(Edit edit) {
        Frame frame = codec.edit(edit);
        for (Member member : members.of(edit.room())) {
            member.push(frame);
        }
    }

    /** Called by the backplane when a reaction was toggled: every local member of the room gets the message's counts. */
    public void reactions(String room, long seq, Map<String, Integer> counts) {
        Frame frame = codec.event(new ReactionsNotice(room, seq, counts));
        for (Member member : members.of(room)) {
            member.push(frame);
        }
    }

    /** Called by the backplane when a moderator disconnected a user: its connections here are closed. */
    public void disconnectUser(String uid) {
        members.all().filter(member -> uid.equals(member.uid()))
                .forEach(member -> member.disconnect(Disconnect.USER_DISCONNECTED));
    }

    /** Tells the local members of the room that someone is typing, all but the typer's own connections. */
    public void localTyping(TypingNotice notice) {
        Frame frame = codec.event(notice);
        for (Member member : members.of(notice.room())) {
            if (!member.isAnonymous() && !notice.isFrom(member.name(), member.uid())) {
                member.push(frame);
            }
        }
    }

    /** Tells the user's own local connections in the room how far the user has read; nobody else. */
    public void localRead(String uid, ReadNotice notice) {
        Frame frame = codec.event(notice);
        for (Member member : members.of(notice.room())) {
            if (uid.equals(member.uid())) {
                member.push(frame);
            }
        }
    }

    /** Tells the local members of the room someone came or went; that person's own connections already know. */
    public void announce(PresenceNotice notice) {
        Frame frame = codec.event(notice);
        for (Member member : members.of(notice.room())) {
            if (!notice.isAbout(member.name(), member.uid())) {
                member.push(frame);
            }
        }
    }
}
