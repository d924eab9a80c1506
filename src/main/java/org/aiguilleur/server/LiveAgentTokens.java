package org.aiguilleur.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.agents.AgentAuthenticator;
import org.aiguilleur.agents.roster.AgentTokens;

/**
 * The agents' tokens of the configuration in force, for APIs outside the agents' desk (the records'
 * disposition and report APIs): read again at each reload of the configuration, and a tokens file
 * with an error refuses the reload (the running tokens stay).
 */
public final class LiveAgentTokens implements AgentAuthenticator {
    private final AtomicReference<AgentTokens> tokens;

    private LiveAgentTokens(AgentTokens initial) {
        this.tokens = new AtomicReference<>(initial);
    }

    /**
     * The tokens of {@code live}'s roster, following its reloads.
     *
     * @param env where {@link AgentTokens#ENV_TOKENS} and {@link AgentTokens#ENV_FILE} are looked up
     * @throws IllegalArgumentException the running configuration's tokens cannot be read
     */
    public static LiveAgentTokens follow(LiveConfig live, Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        LiveAgentTokens out = new LiveAgentTokens(AgentTokens.forRoster(live.config().agents(), copy));
        live.follow(next -> {
            AgentTokens t = AgentTokens.readForRoster(next.agents(), copy);
            return () -> out.tokens.set(t);
        });
        return out;
    }

    @Override
    public Optional<String> agentFor(String bearerToken) {
        return tokens.get().agentFor(bearerToken);
    }
}
