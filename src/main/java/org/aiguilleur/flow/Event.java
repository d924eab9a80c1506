package org.aiguilleur.flow;

import java.time.Duration;

/** What a front door tells the engine about the call. A hang-up is an event, not an exception. */
public sealed interface Event {

    /** Keys the caller pressed for the current {@link Action.Collect} (or that ended a recording). */
    record Digits(String digits) implements Event {
    }

    /** Text recognised from the caller's speech. */
    record Speech(String text) implements Event {
    }

    /** The caller gave no input in time. */
    record Timeout() implements Event {
    }

    /** The door got input it could not read (a garbled reply, an unexpected value). */
    record Invalid(String reason) implements Event {
    }

    /** The caller hung up. */
    record Hangup() implements Event {
    }

    /** A recording ended; {@code location} is where the door stored it. */
    record Recorded(String location, Duration length) implements Event {
    }

    /** A {@link Action.Transfer} did not connect. */
    record TransferFailed(String reason) implements Event {
    }

    /** The caller left a queue. */
    record QueueEnded(QueueStatus status) implements Event {
    }

    /** How a caller left a queue. */
    enum QueueStatus {
        /** An agent answered. */
        ANSWERED,
        /** The queue's wait limit passed with no agent. */
        TIMEOUT,
        /** The queue was full. */
        FULL,
        /** No agent was logged in. */
        EMPTY,
        /** The caller hung up while waiting. */
        ABANDONED
    }
}
