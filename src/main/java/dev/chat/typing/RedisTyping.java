package dev.chat.typing;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import dev.chat.fanout.FanOut;
import dev.chat.redis.RedisNodes;
import dev.chat.redis.RoomChannels;
import dev.chat.redis.RoomEvent;
import dev.chat.redis.RoomKeys;
import dev.chat.wire.TypingNotice;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.redis.client.Request;

/**
 * Every instance through the room's own channel, the one its messages travel on: only the instances
 * holding members of the room listen to it, so a notice reaches exactly those, and the sender's instance
 * hears its own notice back like any other.
 */
@ApplicationScoped
@Typed(RedisTyping.class)
public class RedisTyping implements Typing {

    static final String KIND = "typing";

    private static final Logger LOG = Logger.getLogger(RedisTyping.class);

    private final RedisNodes nodes;
    private final RoomChannels channels;
    private final FanOut fanOut;

    RedisTyping(RedisNodes nodes, RoomChannels channels, FanOut fanOut) {
        this.nodes = nodes;
        this.channels = channels;
        this.fanOut = fanOut;
    }

    @PostConstruct
    void start() {
        channels.on(KIND, this::arrived);
    }

    @Override
    public void relay(TypingNotice notice) {
        String channel = RoomKeys.channel(notice.room());
        JsonObject event = new JsonObject().put("kind", KIND).put("name", notice.name());
        if (notice.uid() != null) {
            event.put("uid", notice.uid());
        }
        nodes.send(channel, Request.cmd(channels.pubSub().publish()).arg(channel).arg(event.encode()))
                .subscribe().with(published -> {
                }, failure -> LOG.debugf("typing in %s not relayed: %s", notice.room(), failure));
    }

    private Uni<Void> arrived(RoomEvent event) {
        String name = event.get("name");
        if (name != null) {
            fanOut.localTyping(new TypingNotice(event.room(), name, event.get("uid")));
        }
        return Uni.createFrom().voidItem();
    }
}
