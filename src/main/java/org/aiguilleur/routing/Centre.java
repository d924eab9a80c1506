package org.aiguilleur.routing;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A 211 call centre: the regions it serves, the languages its agents speak (one queue each,
 * {@code <id>-<language>}) and when it is open.
 *
 * @param languages primary language subtags ({@code fr}, {@code en}, {@code es}), in order
 * @param holidays  the calendar whose days close the centre, or empty when it opens on holidays
 */
public record Centre(String id, String name, List<String> regions, List<String> languages,
                     WeeklyHours hours, Optional<HolidayCalendar> holidays, List<Closure> closures) {

    public Centre {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        regions = List.copyOf(regions);
        languages = List.copyOf(languages);
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(holidays, "holidays");
        closures = List.copyOf(closures);
    }

    /** Whether the centre takes calls at this local time. */
    public boolean isOpen(LocalDateTime local) {
        return closedReason(local).isEmpty();
    }

    /** Why the centre is closed at this local time ({@code hours}, a holiday's name, a closure's reason). */
    public Optional<String> closedReason(LocalDateTime local) {
        for (Closure c : closures) {
            if (c.covers(local)) {
                return Optional.of("closure: " + c.reason());
            }
        }
        if (holidays.isPresent()) {
            Optional<Holiday> h = holidays.get().on(local.toLocalDate());
            if (h.isPresent()) {
                return Optional.of("holiday: " + h.get().name());
            }
        }
        return hours.isOpen(local) ? Optional.empty() : Optional.of("hours");
    }

    public boolean serves(String regionId) {
        return regions.contains(regionId);
    }

    public Set<String> languageSet() {
        return Set.copyOf(languages);
    }

    /** The queue of this centre for a primary language subtag. */
    public String queue(String language) {
        return id + "-" + language;
    }
}
