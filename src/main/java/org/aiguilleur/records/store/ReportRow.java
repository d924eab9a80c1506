package org.aiguilleur.records.store;

import java.time.Instant;

/**
 * The figures of one call that reports need. Nullable fields are null when unknown.
 */
public record ReportRow(String callId, Instant startedAt, String region, String language, String need,
                        String centre, String outcome, boolean queued, boolean answered, String abandonedIn,
                        Long queueMs, Long handleMs, String interpreterLanguage, Long interpreterConnectMs,
                        Long interpreterMs, boolean callbackRequested, boolean callbackHandled) {
}
