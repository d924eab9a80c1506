package org.aiguilleur.records;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Event;

/**
 * What a front door reports about a call, for its record. Plain data: the doors emit these and
 * never wait for them to be stored. Every event names the call by the door's call id.
 */
public sealed interface CallEvent {

    /** The door's id for the call (Asterisk uniqueid, Twilio CallSid). */
    String callId();

    /** When it happened. */
    Instant at();

    /**
     * The IVR part of the call is over: the engine handed the call over (queue, interpreter,
     * transfer), ended it (after-hours), or the caller hung up in the menus.
     *
     * @param start     the call as the door received it; its caller number is hashed by the store
     * @param startedAt when the door answered
     * @param result    what the engine knew and decided
     */
    record IvrEnded(String callId, Instant at, CallStart start, Instant startedAt, CallResult result)
            implements CallEvent {
    }

    /**
     * The caller left a queue.
     *
     * @param agent the agent who answered, when {@code status} is {@code ANSWERED} and the door knows
     */
    record QueueLeft(String callId, Instant at, String queue, Event.QueueStatus status, Optional<String> agent)
            implements CallEvent {
    }

    /** One try to join an interpreter. {@code connectTime} is empty when the interpreter never joined. */
    record InterpreterAttempt(String callId, Instant at, String provider, String language,
                              Optional<Duration> connectTime, Duration interpreted, String outcome)
            implements CallEvent {
    }

    /** The whole call is over (the caller and the agent have left). */
    record CallEnded(String callId, Instant at) implements CallEvent {
    }
}
