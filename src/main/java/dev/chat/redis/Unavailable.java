package dev.chat.redis;

import org.jboss.logging.Logger;

import dev.chat.message.RejectedException;
import dev.chat.message.Rejection;

/** What any failure to reach Redis becomes: a clear {@code unavailable}, with nothing stored. */
public final class Unavailable {

    private static final Logger LOG = Logger.getLogger(Unavailable.class);

    private Unavailable() {
    }

    public static RuntimeException of(Throwable failure) {
        if (failure instanceof RejectedException rejected) {
            return rejected;
        }
        // The control feed and the room channels report an outage once; each refused request would only repeat it.
        LOG.debugf("Redis did not answer: %s", failure.toString());
        return new RejectedException(Rejection.UNAVAILABLE, "chat store unavailable, try again");
    }
}
