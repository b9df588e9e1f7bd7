package dev.chat.room;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.backplane.Backplane;
import dev.chat.hooks.HookEvents;
import dev.chat.hooks.PublishHook;
import dev.chat.message.Edit;
import dev.chat.message.Editor;
import dev.chat.message.Identity;
import dev.chat.message.Post;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import dev.chat.rules.MessageRules;
import dev.chat.rules.Sender;
import dev.chat.rules.SenderLimits;
import io.smallrye.mutiny.Uni;

/**
 * When a message may be edited, the same on every transport: by its author (the same uid in token mode, the
 * connection that posted it in open mode) or a moderator, within {@code chat.edit.window} of its sending, not
 * after a deletion. The new text meets the rules of a message and the publish hook, and a sender's edits
 * come at most once per {@code chat.edit.interval}; the message budget is taken by the caller, as for a message.
 */
@ApplicationScoped
public class EditRules {

    private static final int SWEEP_EVERY = 1024;

    private final Backplane backplane;
    private final MessageRules rules;
    private final PublishHook hook;
    private final HookEvents events;
    private final SenderLimits senders;
    private final long windowMillis;
    private final long intervalNanos;
    private final ConcurrentMap<String, Long> lastEdit = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    EditRules(Backplane backplane, MessageRules rules, PublishHook hook, HookEvents events, SenderLimits senders,
            EditConfig config) {
        this.senders = senders;
        this.backplane = backplane;
        this.rules = rules;
        this.hook = hook;
        this.events = events;
        this.windowMillis = config.window().toMillis();
        this.intervalNanos = config.interval().toNanos();
    }

    /** Who {@code identity} may edit as: a moderator any message, a user their own; null is open mode. */
    static Editor editorFor(Identity identity, boolean postedHere) {
        if (identity == null) {
            return postedHere ? Editor.anyMessage() : Editor.nobody();
        }
        return identity.moderator() ? Editor.anyMessage() : Editor.user(identity.uid());
    }

    /**
     * Edits message {@code seq} of the room to {@code text} for {@code editor}, who speaks as {@code from};
     * {@code sender} names whose interval it counts against. Completes once every instance was told.
     */
    public Uni<Edit> edit(String room, long seq, String text, String from, Editor editor, String sender, String transport) {
        try {
            Post post = new Post(room, from, text, null, editor.uid());
            rules.check(post);
            if (!due(sender)) {
                throw new RejectedException(Rejection.RATE_LIMITED, "edits come too fast, slow down");
            }
            return hook.check(post, transport)
                    .invoke(accepted -> {
                        if (accepted != post) {
                            rules.check(accepted);
                        }
                    })
                    .flatMap(accepted -> {
                        long now = System.currentTimeMillis();
                        return backplane.edit(new Edit(room, seq, accepted.text(), now), editor, now - windowMillis);
                    })
                    .invoke(edit -> events.edited(edit.room(), edit.seq(), edit.text()));
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
    }

    /**
     * An edit over plain HTTP, which has no connection to remember what it posted: in open mode nobody can
     * prove authorship there, so it is refused (403) and only the WebSocket that posted a message edits it.
     * In token mode the user edits their own messages (a moderator any), taking from the user's budget.
     */
    public Uni<Edit> editOverHttp(String room, long seq, String text, Identity identity) {
        if (identity == null) {
            return Uni.createFrom().failure(new RejectedException(Rejection.FORBIDDEN,
                    "in open mode only the WebSocket that posted a message may edit it"));
        }
        senders.admit(Sender.user(identity.uid()));
        return edit(room, seq, text, identity.name(), editorFor(identity, false), "uid|" + identity.uid(), "http");
    }

    /** The application's edit, with its server key, as a moderator's, without a sender's interval. */
    public Uni<Edit> editAsApplication(String room, long seq, String text) {
        return edit(room, seq, text, "application", Editor.anyMessage(), null, "api");
    }

    private boolean due(String sender) {
        if (sender == null) {
            return true;
        }
        long now = System.nanoTime();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            lastEdit.values().removeIf(at -> now - at >= intervalNanos);
        }
        boolean[] due = { false };
        lastEdit.compute(sender, (key, at) -> {
            due[0] = at == null || now - at >= intervalNanos;
            return due[0] ? now : at;
        });
        return due[0];
    }
}
