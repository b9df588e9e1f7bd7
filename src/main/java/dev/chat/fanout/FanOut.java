package dev.chat.fanout;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.ops.ChatMetrics;
import dev.chat.room.ChatMessage;
import dev.chat.room.LocalMembers;
import dev.chat.room.Member;
import dev.chat.wire.Frame;
import dev.chat.wire.WireCodec;

/**
 * The last step of a message's path: it reaches the members this instance holds. Each message is
 * serialised once for all of them.
 */
@ApplicationScoped
public class FanOut {

    private final LocalMembers members;
    private final WireCodec codec;
    private final ChatMetrics metrics;

    FanOut(LocalMembers members, WireCodec codec, ChatMetrics metrics) {
        this.members = members;
        this.codec = codec;
        this.metrics = metrics;
    }

    /** Called by the backplane in {@code seq} order for each room. */
    public void deliver(ChatMessage message) {
        long started = System.nanoTime();
        Frame frame = codec.message(message);
        int recipients = 0;
        for (Member member : members.of(message.room())) {
            member.send(frame);
            recipients++;
        }
        metrics.fannedOut(recipients, System.nanoTime() - started);
    }

    /** Tells every local member of the room but {@code except} about an event outside the message order. */
    public void announce(String room, Frame frame, Member except) {
        for (Member member : members.of(room)) {
            if (member != except) {
                member.send(frame);
            }
        }
    }
}
