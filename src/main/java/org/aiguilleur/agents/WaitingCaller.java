package org.aiguilleur.agents;

import java.time.Instant;
import java.util.Objects;

/**
 * A caller waiting in a queue for an agent, with the context the agent hears before answering.
 *
 * @param callId   the door's id for the call (Twilio CallSid)
 * @param queue    the queue ({@code <centre>-<language>})
 * @param language the caller's language (BCP 47), {@code und} when undetermined
 * @param region   the region id, {@code unknown} when it could not be found
 * @param need     the need id
 * @param interpreterLanguage the language an interpreter is needed for, empty when none is
 * @param since    when the caller started waiting
 * @param conference whether the caller waits in their interpreter conference ({@code aig-<callId>} on
 *                   Twilio) rather than in the queue itself: the agent is then called into that
 *                   conference instead of the caller being dequeued to the agent
 */
public record WaitingCaller(String callId, String queue, String language, String region, String need,
                            String interpreterLanguage, Instant since, boolean conference) {
    public WaitingCaller {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(since, "since");
        interpreterLanguage = interpreterLanguage == null ? "" : interpreterLanguage;
    }

    /** A caller waiting in the queue itself (not in a conference). */
    public WaitingCaller(String callId, String queue, String language, String region, String need,
                         String interpreterLanguage, Instant since) {
        this(callId, queue, language, region, need, interpreterLanguage, since, false);
    }
}
