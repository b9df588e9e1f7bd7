package dev.chat.fanout;

import jakarta.enterprise.context.ApplicationScoped;

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

    FanOut(LocalMembers members, WireCodec codec) {
        this.members = members;
        this.codec = codec;
    }

    /** Called by the backplane in {@code seq} order for each room. */
    public void deliver(ChatMessage message) {
        Frame frame = codec.message(message);
        for (Member member : members.of(message.room())) {
            member.send(frame);
        }
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
