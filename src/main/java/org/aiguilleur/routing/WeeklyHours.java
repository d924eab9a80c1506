package org.aiguilleur.routing;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Opening ranges for each day of the week, in local time. A day with no range is closed. */
public final class WeeklyHours {
    private final Map<DayOfWeek, List<TimeRange>> days;

    public WeeklyHours(Map<DayOfWeek, List<TimeRange>> days) {
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            copy.put(d, List.copyOf(days.getOrDefault(d, List.of())));
        }
        this.days = copy;
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.get(day);
    }

    public boolean isOpen(LocalDateTime local) {
        for (TimeRange r : days.get(local.getDayOfWeek())) {
            if (r.contains(local.toLocalTime())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return days.toString();
    }
}
