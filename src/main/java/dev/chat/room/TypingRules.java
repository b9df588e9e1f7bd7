package dev.chat.room;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chat.message.Identity;
import dev.chat.presence.Presence;
import dev.chat.presence.PresenceConfig;
import dev.chat.rules.Sender;
import dev.chat.rules.SenderLimits;
import dev.chat.typing.Typing;
import dev.chat.typing.TypingConfig;
import dev.chat.wire.TypingNotice;

/**
 * When "someone is typing" is relayed: at most once per {@code chat.typing.interval} per sender and room
 * (the rest is dropped, never an error: typing is a hint), and only while the room is small enough to be
 * told of its members ({@code chat.presence.announce-up-to}). It takes nothing from the message budget.
 */
@ApplicationScoped
public class TypingRules {

    private static final Logger LOG = Logger.getLogger(TypingRules.class);
    private static final int SWEEP_EVERY = 1024;

    private final Typing typing;
    private final Presence presence;
    private final SenderLimits senders;
    private final long intervalNanos;
    private final int announceUpTo;
    private final ConcurrentMap<String, Long> lastRelayed = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    TypingRules(Typing typing, Presence presence, SenderLimits senders, TypingConfig config, PresenceConfig presenceConfig) {
        this.typing = typing;
        this.presence = presence;
        this.senders = senders;
        this.intervalNanos = config.interval().toNanos();
        this.announceUpTo = presenceConfig.announceUpTo();
    }

    /** A connection's member is typing. */
    public void typing(String room, String name, String uid) {
        if (name == null || !due(room, uid != null ? "uid|" + uid : "name|" + name)) {
            return;
        }
        presence.online(room).subscribe().with(online -> {
            if (online <= announceUpTo) {
                typing.relay(new TypingNotice(room, name, uid));
            }
        }, failure -> LOG.debugf("typing in %s not relayed: %s", room, failure));
    }

    /**
     * Typing told over plain HTTP. In open mode the name is the request's, so a client rotating names
     * takes from its address's post budget (429 when spent) rather than buying a new interval per name.
     */
    public void typing(JoinRequest sender, Identity identity, String clientAddress) {
        if (identity != null) {
            typing(sender.room(), identity.name(), identity.uid());
            return;
        }
        senders.admit(Sender.address(clientAddress));
        typing(sender.room(), sender.name(), null);
    }

    private boolean due(String room, String sender) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            long now = System.nanoTime();
            lastRelayed.values().removeIf(at -> now - at >= intervalNanos);
        }
        long now = System.nanoTime();
        boolean[] due = { false };
        lastRelayed.compute(room + '\n' + sender, (key, at) -> {
            due[0] = at == null || now - at >= intervalNanos;
            return due[0] ? now : at;
        });
        return due[0];
    }
}
