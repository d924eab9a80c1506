package org.aiguilleur.agents.delivery;

import java.util.Optional;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.agents.roster.Whisper;

/**
 * The agents the delivery webhooks talk about, across configuration reloads: the roster in force for
 * new offers, and the agent of an offer already ringing even if a reload removed them since (their
 * call is not cut).
 */
public interface OfferAgents {

    /** An agent as the webhooks need them: who, and the whisper they hear. */
    record Listed(Agent agent, Whisper whisper) {
    }

    /** The roster in force: new offers, answer timeout, accept key. */
    Roster roster();

    /** The agent an offer in progress was made to: from the roster, else as they were when removed from it. */
    Optional<Listed> ofOffer(String agentId);

    /** A roster that never changes. */
    static OfferAgents fixed(Roster roster) {
        return new OfferAgents() {
            @Override
            public Roster roster() {
                return roster;
            }

            @Override
            public Optional<Listed> ofOffer(String agentId) {
                return listed(roster, agentId);
            }
        };
    }

    /** The agent of {@code roster} with this id and their whisper. */
    static Optional<Listed> listed(Roster roster, String agentId) {
        return roster.agent(agentId).map(a -> new Listed(a, roster.whispers().get(a.whisper())));
    }
}
