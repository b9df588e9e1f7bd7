package dev.chat.rules;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.message.Post;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/** The rules a message must meet on every transport before it enters a room. */
@ApplicationScoped
public class MessageRules {

    private final MessageConfig config;

    MessageRules(MessageConfig config) {
        this.config = config;
    }

    public void check(Post post) {
        if (post.text() == null || post.text().isBlank()) {
            throw new RejectedException(Rejection.BAD_REQUEST, "text must not be blank");
        }
        if (post.text().length() > config.maxLength()) {
            throw new RejectedException(Rejection.TOO_LONG, "text is longer than " + config.maxLength() + " characters");
        }
        if (post.ref() != null && post.ref().length() > config.maxRefLength()) {
            throw new RejectedException(Rejection.BAD_REQUEST, "ref is longer than " + config.maxRefLength() + " characters");
        }
    }
}
