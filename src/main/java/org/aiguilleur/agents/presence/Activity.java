package org.aiguilleur.agents.presence;

import java.util.Locale;

/** What an agent is doing with calls, set by the matching (never by the agent). */
public enum Activity {
    /** No call: takes the next matching caller when available. */
    IDLE,
    /** A caller is being offered: their phone rings or they hear the whisper. */
    OFFERED,
    /** Talking with a caller. */
    ON_CALL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
