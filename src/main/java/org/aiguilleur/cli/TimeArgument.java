package org.aiguilleur.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads a time given on the command line: an ISO instant with an offset or Z
 * ({@code 2026-12-25T21:00:00-05:00}, {@code 2026-12-26T02:00:00Z}), or a local date-time in the
 * configuration's zone ({@code 2026-12-25T21:00}, {@code "2026-12-25 21:00"}).
 */
final class TimeArgument {
    private TimeArgument() {
    }

    static Instant parse(String text, ZoneId zone) {
        String t = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                // atZone picks the earlier offset in the repeated hour of November and moves a
                // time in March's skipped hour forward: the usual wall-clock reading.
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a time like 2026-12-25T21:00 (Québec time)"
                        + " or 2026-12-26T02:00:00Z");
            }
        }
    }
}
