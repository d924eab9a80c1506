package org.aiguilleur.agents.presence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent's presence and activity at a moment.
 *
 * @param agentId       the agent
 * @param presence      what the agent last set (or {@link Presence#AWAY} after a call they did not take)
 * @param presenceSince when it was set
 * @param activity      what the matching has them doing
 * @param callId        the call offered to or taken by them, empty when idle
 * @param idleSince     since when they have had no call: the longest idle available agent is offered the next caller
 */
public record AgentState(String agentId, Presence presence, Instant presenceSince, Activity activity,
                         Optional<String> callId, Instant idleSince) {
    public AgentState {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(presenceSince, "presenceSince");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(idleSince, "idleSince");
    }

    /** Whether the next matching caller may be offered to this agent. */
    public boolean canTakeCall() {
        return presence == Presence.AVAILABLE && activity == Activity.IDLE;
    }
}
