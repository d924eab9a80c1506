package org.aiguilleur.records.store;

import java.time.Instant;

/** One coded need, with the call's region, for reports. */
public record NeedRow(String callId, Instant startedAt, String region, String centre, String language,
                      String need, boolean met, String reason) {
}
