package dev.chat.backplane;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.chat.fanout.FanOut;
import dev.chat.message.ChatMessage;
import dev.chat.message.History;
import dev.chat.message.HistoryConfig;
import dev.chat.message.Post;
import io.smallrye.mutiny.Uni;

/**
 * One instance, nothing else to run. History lives as long as the process, so the epoch is new on
 * every start: a client resuming after a restart is told its position is gone instead of being fooled.
 */
@ApplicationScoped
@Typed(MemoryBackplane.class)
public class MemoryBackplane implements Backplane {

    private final ConcurrentMap<String, MessageLog> logs = new ConcurrentHashMap<>();
    private final String epoch = UUID.randomUUID().toString().substring(0, 8);
    private final FanOut fanOut;
    private final HistoryConfig history;

    MemoryBackplane(FanOut fanOut, HistoryConfig history) {
        this.fanOut = fanOut;
        this.history = history;
    }

    @Override
    public Uni<ChatMessage> publish(Post post) {
        MessageLog log = logOf(post.room());
        ChatMessage message;
        synchronized (log) {
            message = log.append(post, System.currentTimeMillis());
            fanOut.deliver(message);
        }
        return Uni.createFrom().item(message);
    }

    @Override
    public Uni<History> history(String room, Long since, int limit) {
        MessageLog log = logOf(room);
        synchronized (log) {
            return Uni.createFrom().item(log.after(since, limit, epoch));
        }
    }

    @Override
    public Uni<Boolean> delete(String room, long seq) {
        MessageLog log = logOf(room);
        synchronized (log) {
            boolean exists = log.tombstone(seq);
            if (exists) {
                fanOut.deleted(room, seq);
            }
            return Uni.createFrom().item(exists);
        }
    }

    @Override
    public Uni<Void> disconnectUser(String uid) {
        fanOut.disconnectUser(uid);
        return Uni.createFrom().voidItem();
    }

    private MessageLog logOf(String room) {
        return logs.computeIfAbsent(room, name -> new MessageLog(name, history.size()));
    }
}
