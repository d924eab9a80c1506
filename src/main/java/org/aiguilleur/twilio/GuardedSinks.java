package org.aiguilleur.twilio;

import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records and caller-queue sinks, kept from breaking a call: they must not throw, and if one does
 * anyway the failure is logged (its class only, never the call's data) and the call goes on.
 */
final class GuardedSinks implements CallEvents, CallerQueue {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedSinks.class);
    private final CallEvents events;
    private final CallerQueue queue;

    GuardedSinks(CallEvents events, CallerQueue queue) {
        this.events = events;
        this.queue = queue;
    }

    @Override
    public void emit(CallEvent event) {
        try {
            events.emit(event);
        } catch (RuntimeException e) {
            LOG.error("call events sink failed on {} ({})", event.getClass().getSimpleName(), e.getClass().getName());
        }
    }

    @Override
    public void waiting(WaitingCaller caller) {
        try {
            queue.waiting(caller);
        } catch (RuntimeException e) {
            LOG.error("caller queue failed on waiting ({})", e.getClass().getName());
        }
    }

    /** The records sink returns at once by contract; the queue says. */
    @Override
    public boolean immediate() {
        return queue.immediate();
    }

    @Override
    public void left(String callId) {
        try {
            queue.left(callId);
        } catch (RuntimeException e) {
            LOG.error("caller queue failed on left ({})", e.getClass().getName());
        }
    }
}
