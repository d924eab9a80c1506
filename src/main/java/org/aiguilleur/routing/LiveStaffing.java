package org.aiguilleur.routing;

import java.util.Optional;

/**
 * What is known right now about agents logged in to a queue (Asterisk AMI queue members, Twilio
 * agent presence). Where nothing is known, the configured languages of a centre count.
 */
@FunctionalInterface
public interface LiveStaffing {

    /** Nothing is known live: every configured language counts as spoken. */
    LiveStaffing UNKNOWN = queue -> Optional.empty();

    /** {@code true} when the queue has logged-in agents, {@code false} when it has none, empty when unknown. */
    Optional<Boolean> hasAgents(String queue);
}
