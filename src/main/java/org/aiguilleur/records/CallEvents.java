package org.aiguilleur.records;

/**
 * Where front doors send {@link CallEvent}s. Implementations must return at once and never throw
 * to the caller: a call is never slowed or dropped because its record could not be written.
 */
@FunctionalInterface
public interface CallEvents {

    /** Discards every event (no records kept). */
    CallEvents NONE = event -> { };

    void emit(CallEvent event);
}
