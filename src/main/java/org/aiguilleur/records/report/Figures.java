package org.aiguilleur.records.report;

import java.time.Duration;
import org.aiguilleur.records.store.ReportRow;

/** The raw counts and sums behind one row of a report (before small counts are hidden). */
public final class Figures {
    long calls;
    long queued;
    long answered;
    long abandonedIvr;
    long abandonedQueue;
    long answeredWithinLevel;
    long waitMs;
    long waitCount;
    long handleMs;
    long handleCount;
    long transferred;
    long afterHours;
    long callbacks;
    long callbacksHandled;
    long interpreted;
    long interpreterMs;

    void add(ReportRow r, Duration serviceLevel) {
        calls++;
        if (r.queued()) {
            queued++;
        }
        if ("ivr".equals(r.abandonedIn())) {
            abandonedIvr++;
        } else if ("queue".equals(r.abandonedIn())) {
            abandonedQueue++;
        }
        if (r.answered()) {
            answered++;
            if (r.queueMs() != null) {
                waitMs += r.queueMs();
                waitCount++;
                if (r.queueMs() <= serviceLevel.toMillis()) {
                    answeredWithinLevel++;
                }
            }
            if (r.handleMs() != null) {
                handleMs += r.handleMs();
                handleCount++;
            }
        }
        if ("transferred".equals(r.outcome())) {
            transferred++;
        }
        if ("after-hours".equals(r.outcome())) {
            afterHours++;
        }
        if (r.callbackRequested()) {
            callbacks++;
            if (r.callbackHandled()) {
                callbacksHandled++;
            }
        }
        if (r.interpreterConnectMs() != null) {
            interpreted++;
            interpreterMs += r.interpreterMs() == null ? 0 : r.interpreterMs();
        }
    }

    public long calls() {
        return calls;
    }

    public long queued() {
        return queued;
    }

    public long answered() {
        return answered;
    }

    public long abandonedIvr() {
        return abandonedIvr;
    }

    public long abandonedQueue() {
        return abandonedQueue;
    }

    public long answeredWithinLevel() {
        return answeredWithinLevel;
    }

    public long interpreted() {
        return interpreted;
    }

    public long interpreterMs() {
        return interpreterMs;
    }
}
