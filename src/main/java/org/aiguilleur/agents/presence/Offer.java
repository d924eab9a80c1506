package org.aiguilleur.agents.presence;

import java.time.Instant;
import java.util.Objects;
import org.aiguilleur.agents.WaitingCaller;

/**
 * A waiting caller matched with an agent, to be delivered. Its id goes into the Twilio callback URLs,
 * so that a late callback about an earlier offer changes nothing.
 *
 * @param id      unguessable id of this offer
 * @param caller  the caller
 * @param agentId the agent
 * @param attempt 1 for the first agent offered this caller, 2 for the next, ...
 * @param at      when the match was made
 */
public record Offer(String id, WaitingCaller caller, String agentId, int attempt, Instant at) {
    public Offer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(at, "at");
    }

    public String callId() {
        return caller.callId();
    }
}
