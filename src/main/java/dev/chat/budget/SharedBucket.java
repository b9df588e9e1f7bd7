package dev.chat.budget;

import org.jboss.logging.Logger;

import dev.chat.rules.RateBucket;
import dev.chat.rules.TokenBucket;

/**
 * One user's bucket as this instance sees it: a local {@link TokenBucket} that admits or refuses at once,
 * corrected by the shared one. Every token taken here is charged to Redis, at most one charge in flight
 * (what is spent meanwhile goes with the next), and Redis' answer, less what was spent here since, becomes
 * the local level. So the local level is never lower than the shared one: the only error is optimism, about
 * what other instances spent since this one last heard. That is how the cluster may over-admit: each other
 * instance at most a burst, once, before its first answer; and since every token is charged, even below
 * zero, the excess is a debt that holds the user back after, and does not add up over time.
 *
 * <p>When Redis does not answer, the charge is dropped and the local bucket goes on alone: the memory
 * backplane's per-instance limit, until Redis answers again.
 */
final class SharedBucket implements RateBucket {

    private static final Logger LOG = Logger.getLogger(SharedBucket.class);

    private final TokenBucket local;
    private final RedisUserBuckets.Charge charge;
    private int uncharged;
    private boolean charging;

    SharedBucket(int burst, double perSecond, RedisUserBuckets.Charge charge) {
        this.local = new TokenBucket(burst, perSecond);
        this.charge = charge;
    }

    @Override
    public synchronized boolean tryTake() {
        if (!local.tryTake()) {
            return false;
        }
        uncharged++;
        if (!charging) {
            chargeNow();
        }
        return true;
    }

    @Override
    public long secondsUntilNext() {
        return local.secondsUntilNext();
    }

    private void chargeNow() {
        int tokens = uncharged;
        uncharged = 0;
        charging = true;
        charge.spent(tokens).subscribe().with(this::heard, this::unheard);
    }

    private synchronized void heard(double shared) {
        local.holdNow(shared - uncharged);
        charging = false;
        if (uncharged > 0) {
            chargeNow();
        }
    }

    private synchronized void unheard(Throwable failure) {
        LOG.debugf("Redis did not take a user's spent tokens, limiting on this instance: %s", failure.toString());
        charging = false;
        uncharged = 0;
    }
}
