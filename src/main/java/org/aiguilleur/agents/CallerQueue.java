package org.aiguilleur.agents;

/**
 * Told by a front door when callers start and stop waiting in a queue, so that waiting callers and
 * available agents can be matched. Implementations return at once and never throw to the door.
 */
public interface CallerQueue {

    /** No matching: callers wait until the door's own queue hands them over. */
    CallerQueue NONE = new CallerQueue() {
        @Override
        public void waiting(WaitingCaller caller) {
        }

        @Override
        public void left(String callId) {
        }

        @Override
        public boolean immediate() {
            return true;
        }
    };

    /** A caller started waiting (or is waiting again after an agent did not answer). */
    void waiting(WaitingCaller caller);

    /** The caller left the queue: answered, hung up, or sent elsewhere. */
    void left(String callId);

    /**
     * Whether {@link #waiting} and {@link #left} return at once, working in memory only (anything slow
     * runs on other threads), so that a door may call them on its I/O thread. By default no.
     */
    default boolean immediate() {
        return false;
    }
}
