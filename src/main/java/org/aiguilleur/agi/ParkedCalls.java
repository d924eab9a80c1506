package org.aiguilleur.agi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.aiguilleur.config.Settings;
import org.aiguilleur.flow.CallSession;
import org.aiguilleur.flow.CallStart;

/**
 * Calls the dialplan has queued or is transferring, kept by Asterisk uniqueid so that the engine
 * can decide again when the queue gives up or the transfer fails ({@code 211/queue-ended},
 * {@code 211/transfer-failed}). Bounded in size and time: a call still waiting after
 * {@link #KEPT} is forgotten, and its next AGI finds nothing (the dialplan then uses the default queue).
 */
final class ParkedCalls {
    /** The longest wait in a queue that still gets the engine's next decision. */
    static final Duration KEPT = Duration.ofHours(6);

    /**
     * A call between two AGI runs: its session, how it started, the settings it started with, when
     * its last AGI handed it to the dialplan ({@code null} before the first hand-over), and whether
     * the dialplan then put it in {@code Queue()} (not a transfer, not an interpreter conference).
     * The wait Asterisk reports on hang-up ({@code QEHOLDTIME}) counts from that instant.
     */
    record Parked(CallSession session, CallStart start, Instant startedAt, Settings settings, Instant handedOverAt,
                  boolean inQueue) {
        Parked handedOver(Instant at, boolean queued) {
            return new Parked(session, start, startedAt, settings, at, queued);
        }
    }

    private final Cache<String, Parked> calls;

    ParkedCalls(int maxCalls) {
        this.calls = Caffeine.newBuilder().maximumSize(Math.max(1000L, 2L * maxCalls)).expireAfterWrite(KEPT).build();
    }

    void park(String uniqueId, Parked call) {
        calls.put(uniqueId, call);
    }

    /** Takes the call out: one AGI at a time runs a session. */
    Optional<Parked> take(String uniqueId) {
        return Optional.ofNullable(calls.asMap().remove(uniqueId));
    }

    long size() {
        return calls.estimatedSize();
    }
}
