package dev.chat.hooks;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.message.Post;
import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;
import io.smallrye.mutiny.Uni;

/**
 * Asks the application whether a message may be stored, before it gets its {@code seq}. Only the sender
 * waits: the call runs beside every other sender's, so a slow hook does not hold up the room, and the
 * room's order is the order in which answered messages reach the store.
 *
 * <p>The application answers 204 or 200 {@code {}} (store as sent), 200 {@code {"text": ...}} (store this
 * text instead) or 200 {@code {"reject": reason}} (store nothing; the sender gets {@code rejected} and the
 * reason). Anything else (an error status, a redirect, no answer in time, an answer too long or not such
 * an object) is a failure, handled as {@code chat.hooks.publish-on-failure} says.
 */
@ApplicationScoped
public class PublishHook {

    private static final Logger LOG = Logger.getLogger(PublishHook.class);

    private final HooksConfig config;
    private final HookCalls calls;
    private final ObjectMapper mapper;
    private final HookMeters meters;

    PublishHook(HooksConfig config, HookCalls calls, ObjectMapper mapper, HookMeters meters) {
        this.config = config;
        this.calls = calls;
        this.mapper = mapper;
        this.meters = meters;
    }

    /** The post to store (perhaps rewritten), or a {@link RejectedException}; the post itself when no hook is set. */
    public Uni<Post> check(Post post, String transport) {
        if (config.publishUrl().isEmpty()) {
            return Uni.createFrom().item(post);
        }
        String body;
        try {
            body = mapper.writeValueAsString(PublishCheck.of(post, transport));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        long started = System.nanoTime();
        return calls.post(config.publishUrl().get(), body, config.publishTimeout())
                .map(answer -> decide(post, answer))
                .onFailure(HookFailure.class).recoverWithUni(failure -> failed(post, failure))
                .eventually(() -> meters.publishAnswered(System.nanoTime() - started));
    }

    private Post decide(Post post, HookAnswer answer) {
        if (answer.status() == 204) {
            return post;
        }
        if (answer.status() != 200) {
            throw new HookFailure("answered " + answer.status() + "; expected 200 or 204");
        }
        JsonNode verdict;
        try {
            verdict = mapper.readTree(answer.body());
        } catch (JsonProcessingException notJson) {
            throw new HookFailure("answer is not JSON");
        }
        if (verdict == null || !verdict.isObject()) {
            throw new HookFailure("answer is not a JSON object");
        }
        JsonNode reject = verdict.get("reject");
        if (reject != null) {
            if (!reject.isTextual()) {
                throw new HookFailure("\"reject\" must be a string");
            }
            meters.publishRejected();
            throw new RejectedException(Rejection.REJECTED, reject.textValue());
        }
        JsonNode text = verdict.get("text");
        if (text == null) {
            return post;
        }
        if (!text.isTextual()) {
            throw new HookFailure("\"text\" must be a string");
        }
        return new Post(post.room(), post.from(), text.textValue(), post.ref(), post.uid());
    }

    private Uni<Post> failed(Post post, Throwable failure) {
        meters.publishFailed();
        LOG.warnf("publish hook: %s; message in %s %s", failure.getMessage(), post.room(),
                config.publishOnFailure() == HooksConfig.OnFailure.ACCEPT ? "stored as sent" : "not stored");
        if (config.publishOnFailure() == HooksConfig.OnFailure.ACCEPT) {
            return Uni.createFrom().item(post);
        }
        return Uni.createFrom().failure(new RejectedException(Rejection.UNAVAILABLE,
                "publish hook: " + failure.getMessage() + "; message not stored, send it again"));
    }
}
