package dev.chat.presence;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.fanout.FanOut;
import dev.chat.wire.PresenceNotice;

/**
 * Hands a name's arrival or departure to this instance's members, while the room is small enough to be
 * told (see {@code chat.presence.announce-up-to}).
 */
@ApplicationScoped
class Announcements {

    private final FanOut fanOut;
    private final int announceUpTo;

    Announcements(FanOut fanOut, PresenceConfig config) {
        this.fanOut = fanOut;
        this.announceUpTo = config.announceUpTo();
    }

    void announce(PresenceNotice notice) {
        if (notice.online() <= announceUpTo) {
            fanOut.announce(notice);
        }
    }
}
