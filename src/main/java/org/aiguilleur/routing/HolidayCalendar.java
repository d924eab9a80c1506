package org.aiguilleur.routing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A named set of holiday rules, valid for every year. */
public record HolidayCalendar(String id, List<Holiday> holidays) {

    public HolidayCalendar {
        holidays = List.copyOf(holidays);
    }

    /** The holiday falling on {@code date}, if any. */
    public Optional<Holiday> on(LocalDate date) {
        for (Holiday h : holidays) {
            if (h.rule().dateIn(date.getYear()).equals(date)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
