package org.aiguilleur.agents;

import java.time.Instant;

/**
 * Told by agent delivery when an agent actually takes a caller it was offered: the agent pressed the
 * accept key, or answered when no key is asked for. Not told when an offer fails (no answer, busy,
 * declined): the caller is then back in their queue, still waiting. The Twilio door records the
 * call as answered by that agent from this instant. Implementations return at once and never throw.
 */
@FunctionalInterface
public interface AnsweredCalls {

    /** Nobody listens. */
    AnsweredCalls NONE = (caller, agentId, at) -> {
    };

    /**
     * @param caller  the caller as the door reported them (call id, queue)
     * @param agentId the roster id of the agent who took the call
     * @param at      when the agent took it
     */
    void answered(WaitingCaller caller, String agentId, Instant at);
}
