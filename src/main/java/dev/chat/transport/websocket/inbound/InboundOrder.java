package dev.chat.transport.websocket.inbound;

import java.util.ArrayDeque;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * One socket's inbound work, run strictly one piece after another in arrival order: nothing starts before
 * the join has finished, and a message is posted only once every earlier one has been, so a sender's
 * messages keep their order even when each post is a round trip to Redis.
 *
 * <p>The endpoints run in websockets-next's concurrent mode, which spares every socket the framework's own
 * serial queue (about 1 KB each, idle or not); this keeps the same guarantee and allocates a queue only
 * while work is waiting.
 */
public final class InboundOrder {

    private final Context context;
    private ArrayDeque<Supplier<Uni<Void>>> waiting;
    private boolean busy = true;

    /** Starts busy: work waits until {@link #joined()}. */
    public InboundOrder(Context context) {
        this.context = context;
    }

    /** The join has finished, whether or not it succeeded; waiting work may start. */
    public void joined() {
        next();
    }

    /** Runs the work now if nothing is running, else after everything submitted before it. */
    public void submit(Supplier<Uni<Void>> work) {
        synchronized (this) {
            if (busy) {
                if (waiting == null) {
                    waiting = new ArrayDeque<>(4);
                }
                waiting.add(work);
                return;
            }
            busy = true;
        }
        start(work);
    }

    private void start(Supplier<Uni<Void>> work) {
        Uni<Void> running;
        try {
            running = work.get();
        } catch (RuntimeException failure) {
            running = Uni.createFrom().failure(failure);
        }
        running.subscribe().with(done -> next(), failure -> next());
    }

    private void next() {
        Supplier<Uni<Void>> work;
        synchronized (this) {
            work = waiting == null ? null : waiting.poll();
            if (work == null) {
                busy = false;
                waiting = null;
                return;
            }
        }
        // A post may finish on a Redis connection's thread; the next one starts on the socket's own loop.
        context.runOnContext(ignored -> start(work));
    }
}
