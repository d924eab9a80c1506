package org.aiguilleur.agents.delivery;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.aiguilleur.agents.AnsweredCalls;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.presence.Offer;
import org.aiguilleur.agents.presence.PresenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's {@link CallerQueue}: tells the store about callers and delivers the offers it makes
 * through Twilio's REST API, on the given executor. A delivery that fails puts the caller back at the
 * front to be tried again after {@code retryAfter}; a caller is never dropped by an error here.
 */
public final class Dispatcher implements CallerQueue {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private final PresenceStore store;
    private final TwilioDelivery delivery;
    private final InstantSource clock;
    private final Executor executor;
    private final java.util.function.Supplier<Duration> retryAfter;
    private final AnsweredCalls answered;
    private volatile boolean storeDown;
    private final boolean queuedExecutor;

    /**
     * @param retryAfter     read at each failure, so that a reloaded {@code offer.retry-after} applies to the next one
     * @param answered       told when an agent takes an offered caller (the door records the answer)
     * @param queuedExecutor whether {@code executor} only queues the deliveries (never runs one on the
     *                       caller's thread, never waits for room): then this queue is {@link #immediate}
     *                       when the store is
     */
    public Dispatcher(PresenceStore store, TwilioDelivery delivery, InstantSource clock, Executor executor,
                      java.util.function.Supplier<Duration> retryAfter, AnsweredCalls answered, boolean queuedExecutor) {
        this.queuedExecutor = queuedExecutor;
        this.store = store;
        this.delivery = delivery;
        this.clock = clock;
        this.executor = executor;
        this.retryAfter = retryAfter;
        this.answered = answered;
    }

    /** The agent of {@code offer} took the call (the store already says so): the listener hears it. */
    public void taken(Offer offer, java.time.Instant at) {
        try {
            answered.answered(offer.caller(), offer.agentId(), at);
        } catch (RuntimeException e) {
            LOG.error("the answered-call listener failed; the call goes on", e);
        }
    }

    @Override
    public boolean immediate() {
        return queuedExecutor && store.immediate();
    }

    @Override
    public void waiting(WaitingCaller caller) {
        try {
            deliver(store.callerWaiting(caller, clock.instant()));
        } catch (RuntimeException e) {
            failed("matching failed for a waiting caller; they stay in the door's queue", e);
        }
    }

    @Override
    public void left(String callId) {
        try {
            deliver(store.callerLeft(callId, clock.instant()));
        } catch (RuntimeException e) {
            failed("matching failed after a caller left", e);
        }
    }

    /** A database that is away is an outage, not a bug: its message, without the stack. */
    private static void failed(String what, RuntimeException e) {
        if (e instanceof org.aiguilleur.agents.presence.JdbcPresenceStore.PresenceStoreException) {
            LOG.error("{} ({})", what, e.getMessage());
        } else {
            LOG.error(what, e);
        }
    }

    /** Retries due callers and ends stale offers; call every second or so. */
    public void tick() {
        try {
            deliver(store.tick(clock.instant()));
            if (storeDown) {
                storeDown = false;
                LOG.info("presence store answers again: matching resumed");
            }
        } catch (org.aiguilleur.agents.presence.JdbcPresenceStore.PresenceStoreException e) {
            // The shared store's database is away: said once, not every second; callers wait in Twilio's queues.
            if (!storeDown) {
                storeDown = true;
                LOG.error("presence store unreachable ({}); callers wait in Twilio's queues until it answers", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("matching tick failed", e);
        }
    }

    /** Delivers each offer through the REST API, off the caller's thread. */
    public void deliver(List<Offer> offers) {
        for (Offer o : offers) {
            try {
                executor.execute(() -> attempt(o));
            } catch (RejectedExecutionException e) {
                // Shutting down: leave the caller waiting in Twilio's queue.
                store.failed(o.id(), clock.instant().plus(retryAfter.get()), clock.instant());
            }
        }
    }

    private void attempt(Offer o) {
        try {
            TwilioDelivery.Result r = delivery.deliver(o);
            switch (r) {
                case MOVED -> {
                }
                case CALLER_GONE -> deliver(store.abandoned(o.id(), clock.instant()));
                case FAILED -> deliver(store.failed(o.id(), clock.instant().plus(retryAfter.get()), clock.instant()));
            }
        } catch (RuntimeException e) {
            LOG.error("delivery failed; the caller keeps waiting", e);
            deliver(store.failed(o.id(), clock.instant().plus(retryAfter.get()), clock.instant()));
        }
    }
}
