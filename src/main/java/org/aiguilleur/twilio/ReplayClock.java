package org.aiguilleur.twilio;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The clock of a call rebuilt from its token: it reads the time each event first reached the
 * server, so the rebuilt session decides exactly as the original did (hours, holidays).
 */
final class ReplayClock implements InstantSource {
    private volatile Instant now;

    ReplayClock(Instant start) {
        this.now = start;
    }

    void set(Instant at) {
        now = at;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
