package org.aiguilleur.flow;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.TimeRange;

/**
 * Says a centre's weekly hours in a language, e.g. "du lundi au vendredi de 8 h 30 à 16 h 30".
 * Day names and times come from the JDK's locale data; the joining words are prompts
 * ({@code hours-every-day}, {@code hours-day-range}, {@code hours-range}, {@code hours-and},
 * {@code hours-closed-holidays}, and optionally {@code day-monday}... {@code day-sunday}) so that
 * operators can word them.
 */
final class HoursText {
    private HoursText() {
    }

    /**
     * @param text the catalogue lookup in the language being spoken (returns null when missing)
     */
    static String describe(Centre centre, String language, BiFunction<String, Map<String, String>, String> text) {
        Locale locale = Locale.forLanguageTag(language);
        DayOfWeek[] week = DayOfWeek.values();
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < week.length) {
            List<TimeRange> ranges = centre.hours().on(week[i]);
            int j = i;
            while (j + 1 < week.length && centre.hours().on(week[j + 1]).equals(ranges)) {
                j++;
            }
            if (!ranges.isEmpty()) {
                String days;
                if (i == 0 && j == week.length - 1) {
                    days = text.apply("hours-every-day", Map.of());
                } else if (i == j) {
                    days = day(week[i], locale, text);
                } else {
                    days = text.apply("hours-day-range", Map.of(
                            "first", day(week[i], locale, text),
                            "last", day(week[j], locale, text)));
                }
                List<String> spans = new ArrayList<>();
                for (TimeRange r : ranges) {
                    spans.add(text.apply("hours-range", Map.of(
                            "from", time(r.start(), locale),
                            "to", r.endOfDay() ? time(LocalTime.MIDNIGHT, locale) : time(r.end(), locale))));
                }
                parts.add(days + " " + String.join(text.apply("hours-and", Map.of()), spans));
            }
            i = j + 1;
        }
        String hours = String.join("; ", parts);
        if (centre.holidays().isPresent()) {
            hours = hours + text.apply("hours-closed-holidays", Map.of());
        }
        return hours;
    }

    /**
     * A day's name: the prompt {@code day-monday}... when the language has it (for languages the
     * JDK has no names for, such as Haitian Creole), else the JDK's.
     */
    private static String day(DayOfWeek d, Locale locale, BiFunction<String, Map<String, String>, String> text) {
        String own = text.apply("day-" + d.name().toLowerCase(Locale.ROOT), Map.of());
        return own == null || own.isEmpty() ? d.getDisplayName(TextStyle.FULL, locale) : own;
    }

    private static String time(LocalTime t, Locale locale) {
        if (locale.getLanguage().equals("fr")) {
            // Québec French says "8 h 30", and "8 h" on the hour.
            return t.getMinute() == 0 ? t.getHour() + " h" : t.getHour() + " h " + String.format("%02d", t.getMinute());
        }
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(t)
                .replace('\u202f', ' ');
    }
}
