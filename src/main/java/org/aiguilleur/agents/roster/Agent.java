package org.aiguilleur.agents.roster;

import java.util.List;
import java.util.Objects;

/**
 * A person who takes routed calls.
 *
 * @param id         a lower-case slug, the id their token belongs to ({@code amelie-roy})
 * @param name       the display name
 * @param centre     the centre whose queues they take calls from
 * @param languages  primary language codes of that centre they take calls in, in preference order
 * @param reach      how Twilio rings them
 * @param whisper    the whisper language (a key of {@link Roster#whispers()})
 * @param supervisor whether they may see and set every agent's presence
 */
public record Agent(String id, String name, String centre, List<String> languages, Reach reach, String whisper,
                    boolean supervisor) {
    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(centre, "centre");
        languages = List.copyOf(languages);
        Objects.requireNonNull(reach, "reach");
        Objects.requireNonNull(whisper, "whisper");
    }

    /** Whether this agent takes calls of that centre's queue in that language. */
    public boolean takes(String centreId, String language) {
        return centre.equals(centreId) && languages.contains(language);
    }
}
