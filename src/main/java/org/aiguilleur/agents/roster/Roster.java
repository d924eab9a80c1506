package org.aiguilleur.agents.roster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agents of {@code agents.yaml} and how calls are offered to them. Immutable.
 *
 * @param agents        the agents, in file order (the order breaks ties between equally idle agents)
 * @param tokensFile    the secrets file with the agents' token hashes, empty when none is configured
 * @param answerTimeout how long an agent's phone rings before the caller goes back to waiting
 * @param acceptKey     the key an agent presses to take a call; empty: answering takes it
 * @param retryAfter    how long a caller waits before another try when Twilio's REST API failed
 * @param whispers      the whisper texts by language tag
 */
public record Roster(List<Agent> agents, Optional<Path> tokensFile, Duration answerTimeout,
                     Optional<String> acceptKey, Duration retryAfter, Map<String, Whisper> whispers) {

    /** No agents: the door's own queues hand callers over. */
    public static final Roster EMPTY = new Roster(List.of(), Optional.empty(), Duration.ofSeconds(20),
            Optional.empty(), Duration.ofSeconds(10), Map.of());

    public Roster {
        agents = List.copyOf(agents);
        Objects.requireNonNull(tokensFile, "tokensFile");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(acceptKey, "acceptKey");
        Objects.requireNonNull(retryAfter, "retryAfter");
        whispers = Map.copyOf(whispers);
    }

    public Optional<Agent> agent(String id) {
        return agents.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
