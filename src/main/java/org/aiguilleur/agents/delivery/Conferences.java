package org.aiguilleur.agents.delivery;

import java.net.URI;
import java.util.Optional;

/**
 * Where interpreted callers wait for their agent in a conference (the Twilio door's interpreter
 * bridge) instead of in a Twilio queue. An offer of such a caller ({@link
 * org.aiguilleur.agents.WaitingCaller#conference()}) calls the agent through the REST API; once the
 * agent has heard the whisper and accepted, their leg is sent to {@link Leg#join()}, whose TwiML puts
 * it into the caller's conference.
 */
@FunctionalInterface
public interface Conferences {
    /** No conference holds any caller. */
    Conferences NONE = callId -> Optional.empty();

    /**
     * How to bring an agent into a caller's conference.
     *
     * @param join the URL whose TwiML puts the requesting leg into the conference
     * @param from the caller id for the agent's leg (the number the caller dialled, ours)
     */
    record Leg(URI join, String from) {
    }

    /** The conference {@code callId} waits in, empty when none holds that caller (any more). */
    Optional<Leg> of(String callId);
}
