package org.aiguilleur.flow;

import java.util.Locale;

/** How the engine ended its part of a call. */
public enum Outcome {
    /** Queued for an agent who speaks the caller's language. */
    QUEUED,
    /** Queued with an interpreter joined. */
    INTERPRETER,
    /** Handed to another service (811). */
    TRANSFERRED,
    /** No centre open: hours, guidance and perhaps a call-back message. */
    AFTER_HOURS,
    /** The caller hung up before a decision. */
    HANGUP;

    /** The wire name: {@code queued}, {@code after-hours}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
