package org.aiguilleur.agents;

import java.util.Optional;

/** Tells which agent a bearer token belongs to, for the agents' HTTP APIs. */
@FunctionalInterface
public interface AgentAuthenticator {

    /** The agent id for this token, empty when the token is unknown. Compares in constant time. */
    Optional<String> agentFor(String bearerToken);
}
