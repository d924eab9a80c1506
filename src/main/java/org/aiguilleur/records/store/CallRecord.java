package org.aiguilleur.records.store;

import java.time.Duration;
import java.time.Instant;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.Event;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.StoredEvent;

/**
 * One call's record while events are merged into it. Each event sets only what it knows and the
 * durations are derived from the instants, so the record is the same whatever order the events of a
 * call arrive in. Only the store uses it.
 */
final class CallRecord {
    static final int PATH_MAX = 2000;

    final String callId;
    String door;
    Instant startedAt;
    Instant ivrEndedAt;
    Instant lastIvrAt;
    Instant queueLeftAt;
    Instant endedAt;
    String callerHash;
    String region;
    String regionSource;
    String language;
    String need;
    String menuPath;
    String outcome;
    String queue;
    String centre;
    Long ivrMs;
    Long queueMs;
    String queueStatus;
    boolean answered;
    String abandonedIn;
    String agent;
    Long handleMs;
    String interpreterProvider;
    String interpreterLanguage;
    Long interpreterConnectMs;
    Long interpreterMs;
    int interpreterAttempts;
    String transferTo;
    String closedReason;
    boolean engineError;
    boolean callbackRequested;
    String recording;
    Instant firstEventAt;

    CallRecord(String callId) {
        this.callId = callId;
    }

    void apply(StoredEvent stored, Centres centres) {
        CallEvent e = stored.event();
        if (firstEventAt == null || e.at().isBefore(firstEventAt)) {
            firstEventAt = e.at();
        }
        // Java 17: no pattern switch; the sealed interface has exactly these four events.
        if (e instanceof CallEvent.IvrEnded ivr) {
            ivrEnded(ivr, stored.callerHash(), centres);
        } else if (e instanceof CallEvent.QueueLeft q) {
            queueLeft(q, centres);
        } else if (e instanceof CallEvent.InterpreterAttempt i) {
            interpreter(i);
        } else if (e instanceof CallEvent.CallEnded c) {
            endedAt = c.at();
        }
        derive();
    }

    private void ivrEnded(CallEvent.IvrEnded e, String hash, Centres centres) {
        // A call that overflows (queue time-out, full, empty) is decided again: the first hand-over
        // starts its wait; the last decision tells its outcome, queue and call-back.
        door = e.start().door();
        startedAt = min(startedAt, e.startedAt());
        ivrEndedAt = min(ivrEndedAt, e.at());
        if (hash != null) {
            callerHash = hash;
        }
        if (lastIvrAt != null && e.at().isBefore(lastIvrAt)) {
            return;
        }
        lastIvrAt = e.at();
        CallResult r = e.result();
        region = r.region().orElse(null);
        regionSource = r.regionSource().orElse(null);
        language = r.language().orElse(null);
        need = r.need().orElse(null);
        String path = String.join(" ", r.path());
        menuPath = path.length() > PATH_MAX ? path.substring(0, PATH_MAX) : path;
        outcome = r.outcome().orElse(Outcome.HANGUP).id();
        queue = r.queue().orElse(queue);
        transferTo = r.transferTo().orElse(null);
        callbackRequested = r.callback().orElse(false);
        recording = r.recording().orElse(null);
        closedReason = r.closedReason().orElse(null);
        engineError = r.error().isPresent();
        if (interpreterLanguage == null) {
            interpreterLanguage = r.interpreterLanguage().orElse(null);
        }
        if (r.outcome().isEmpty() || r.outcome().get() == Outcome.HANGUP) {
            abandonedIn = "ivr";
        } else if ("ivr".equals(abandonedIn)) {
            abandonedIn = null;
        }
        centre = centres.centre(queue, region);
    }

    private void queueLeft(CallEvent.QueueLeft e, Centres centres) {
        boolean latest = queueLeftAt == null || !e.at().isBefore(queueLeftAt);
        if (latest) {
            queueLeftAt = e.at();
            queueStatus = e.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (queue == null && e.queue() != null && !e.queue().isBlank()) {
            queue = e.queue();
            centre = centres.centre(queue, region);
        }
        if (e.status() == Event.QueueStatus.ANSWERED) {
            answered = true;
            agent = e.agent().orElse(agent);
        } else if (e.status() == Event.QueueStatus.ABANDONED) {
            abandonedIn = "queue";
        }
    }

    private void interpreter(CallEvent.InterpreterAttempt e) {
        interpreterAttempts++;
        boolean connected = e.connectTime().isPresent();
        if (connected && interpreterConnectMs == null) {
            interpreterConnectMs = e.connectTime().get().toMillis();
            interpreterProvider = e.provider();
            interpreterLanguage = e.language();
        } else if (interpreterProvider == null) {
            interpreterProvider = e.provider();
            interpreterLanguage = e.language();
        }
        if (connected) {
            interpreterMs = (interpreterMs == null ? 0 : interpreterMs) + e.interpreted().toMillis();
        }
    }

    private void derive() {
        ivrMs = between(startedAt, ivrEndedAt);
        queueMs = queueLeftAt != null && queue != null ? between(ivrEndedAt, queueLeftAt) : null;
        handleMs = answered ? between(queueLeftAt, endedAt) : null;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Long between(Instant a, Instant b) {
        if (a == null || b == null) {
            return null;
        }
        return Math.max(0, Duration.between(a, b).toMillis());
    }
}
