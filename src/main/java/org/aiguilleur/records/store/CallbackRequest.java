package org.aiguilleur.records.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A caller's request to be called back (a message left after hours or when every line was busy).
 * The caller number is not here: agents hear it in the recording or find it in the telephony system.
 */
public record CallbackRequest(String callId, Instant requestedAt, Optional<String> language, Optional<String> region,
                              Optional<String> need, Optional<String> centre, Optional<String> recording,
                              Optional<Instant> handledAt, Optional<String> handledBy, Optional<String> outcome) {
}
