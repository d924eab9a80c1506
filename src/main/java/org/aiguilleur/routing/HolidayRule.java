package org.aiguilleur.routing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;

/** A rule that gives a holiday's date in any year. */
public sealed interface HolidayRule {

    /** The date in {@code year}. */
    LocalDate dateIn(int year);

    /** The same day every year ({@code 06-24}). */
    record Fixed(MonthDay day) implements HolidayRule {
        @Override
        public LocalDate dateIn(int year) {
            return day.atYear(year);
        }
    }

    /** Days from Western Easter Sunday: Good Friday is -2, Easter Monday +1. */
    record EasterOffset(int days) implements HolidayRule {
        @Override
        public LocalDate dateIn(int year) {
            return easterSunday(year).plusDays(days);
        }
    }

    /** The n-th given weekday of a month (1 to 4, or -1 for the last): Labour Day is the 1st Monday of September. */
    record NthWeekday(int month, DayOfWeek weekday, int n) implements HolidayRule {
        public NthWeekday {
            if (n == 0 || n < -1 || n > 4) {
                // A 5th weekday does not exist every year; dayOfWeekInMonth would roll into the next month.
                throw new IllegalArgumentException("n must be 1 to 4 or -1, not " + n);
            }
        }

        @Override
        public LocalDate dateIn(int year) {
            return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
        }
    }

    /** The last given weekday strictly before a day: National Patriots' Day is the Monday before 25 May. */
    record WeekdayBefore(DayOfWeek weekday, MonthDay before) implements HolidayRule {
        @Override
        public LocalDate dateIn(int year) {
            return before.atYear(year).with(TemporalAdjusters.previous(weekday));
        }
    }

    /**
     * A holiday that moves to the Monday when it falls on a Sunday (in Québec, Fête nationale and
     * Canada Day: 24 June on a Sunday makes 25 June the holiday).
     */
    record MondayIfSunday(HolidayRule rule) implements HolidayRule {
        @Override
        public LocalDate dateIn(int year) {
            LocalDate d = rule.dateIn(year);
            return d.getDayOfWeek() == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
        }
    }

    /** Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
