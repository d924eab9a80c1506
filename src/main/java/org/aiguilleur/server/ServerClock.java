package org.aiguilleur.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The server's clock: the real time, or a rehearsal clock that starts at a chosen instant and runs on. */
public final class ServerClock {
    private ServerClock() {
    }

    /** A clock that reads {@code start} now and advances in real time from there. */
    public static Clock startingAt(Instant start, Clock real) {
        return Clock.offset(real, Duration.between(real.instant(), start));
    }
}
