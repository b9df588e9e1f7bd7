package dev.chat.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.chat.message.Post;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the publish hook is asked: this message, from this sender, over this transport; may it be stored? */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "room", "from", "uid", "text", "ref", "transport" })
public record PublishCheck(String room, String from, String uid, String text, String ref, String transport) {

    static PublishCheck of(Post post, String transport) {
        return new PublishCheck(post.room(), post.from(), post.uid(), post.text(), post.ref(), transport);
    }
}
