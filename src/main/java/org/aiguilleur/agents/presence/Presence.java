package org.aiguilleur.agents.presence;

import java.util.Locale;
import java.util.Optional;

/** What an agent says about themselves: ready for calls, briefly away, or gone. */
public enum Presence {
    AVAILABLE, AWAY, OFFLINE;

    /** The word used on the wire ({@code available}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Presence> parse(String word) {
        for (Presence p : values()) {
            if (p.wire().equals(word)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
