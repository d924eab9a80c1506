package org.aiguilleur.routing;

import java.time.LocalTime;
import java.util.Objects;

/**
 * An opening interval within one day, {@code start} inclusive, {@code end} exclusive.
 * {@code endOfDay} stands for 24:00, which {@link LocalTime} cannot hold.
 */
public record TimeRange(LocalTime start, LocalTime end, boolean endOfDay) {

    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!endOfDay && !end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " is not after start " + start);
        }
    }

    public static TimeRange of(LocalTime start, LocalTime end) {
        return new TimeRange(start, end, false);
    }

    public boolean contains(LocalTime t) {
        return !t.isBefore(start) && (endOfDay || t.isBefore(end));
    }

    @Override
    public String toString() {
        return start + "-" + (endOfDay ? "24:00" : end.toString());
    }
}
