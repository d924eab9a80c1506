package org.aiguilleur.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Holiday rules give the right date in any year; dates checked against published calendars. */
class HolidayRuleTest {

    @ParameterizedTest(name = "Easter {0}")
    @CsvSource({
        "1818-03-22", "1900-04-15", "1961-04-02", "2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21",
        "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25", "2160-03-23", "2285-03-22",
    })
    void easterSunday_knownYears(LocalDate easter) {
        assertEquals(easter, HolidayRule.easterSunday(easter.getYear()));
    }

    @Test
    void easterSunday_isASundayFromMarch22ToApril25_andAgreesWithKnuthsAlgorithm() {
        for (int year = 1900; year <= 2200; year++) {
            LocalDate e = HolidayRule.easterSunday(year);
            assertEquals(DayOfWeek.SUNDAY, e.getDayOfWeek(), "Easter " + year);
            assertTrue(!e.isBefore(LocalDate.of(year, 3, 22)) && !e.isAfter(LocalDate.of(year, 4, 25)), "Easter " + year);
            assertEquals(knuthEaster(year), e, "Easter " + year);
        }
    }

    /** An independent computation: Knuth, TAOCP vol. 1, §1.3.2 exercise 14 (Gregorian epact). */
    private static LocalDate knuthEaster(int year) {
        int golden = year % 19 + 1;
        int century = year / 100 + 1;
        int skippedLeap = 3 * century / 4 - 12;
        int moonCorrection = (8 * century + 5) / 25 - 5;
        int sunday = 5 * year / 4 - skippedLeap - 10;
        int epact = (11 * golden + 20 + moonCorrection - skippedLeap) % 30;
        if ((epact == 25 && golden > 11) || epact == 24) {
            epact++;
        }
        int n = 44 - epact;
        if (n < 21) {
            n += 30;
        }
        n = n + 7 - (sunday + n) % 7;
        return n > 31 ? LocalDate.of(year, 4, n - 31) : LocalDate.of(year, 3, n);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "Good Friday,    2026-04-03, 2027-03-26",
        "Easter Monday,  2026-04-06, 2027-03-29",
    })
    void easterOffsets(String name, LocalDate in2026, LocalDate in2027) {
        HolidayRule rule = new HolidayRule.EasterOffset(name.equals("Good Friday") ? -2 : 1);
        assertEquals(in2026, rule.dateIn(2026));
        assertEquals(in2027, rule.dateIn(2027));
    }

    @Test
    void nationalPatriotsDay_isTheMondayStrictlyBeforeMay25() {
        HolidayRule rule = new HolidayRule.WeekdayBefore(DayOfWeek.MONDAY, MonthDay.of(5, 25));
        assertEquals(LocalDate.of(2026, 5, 18), rule.dateIn(2026)); // May 25, 2026 is itself a Monday
        assertEquals(LocalDate.of(2027, 5, 24), rule.dateIn(2027));
        assertEquals(LocalDate.of(2025, 5, 19), rule.dateIn(2025));
    }

    @Test
    void labourDay_isTheFirstMondayOfSeptember() {
        HolidayRule rule = new HolidayRule.NthWeekday(9, DayOfWeek.MONDAY, 1);
        assertEquals(LocalDate.of(2026, 9, 7), rule.dateIn(2026));
        assertEquals(LocalDate.of(2027, 9, 6), rule.dateIn(2027));
    }

    @Test
    void thanksgiving_isTheSecondMondayOfOctober() {
        HolidayRule rule = new HolidayRule.NthWeekday(10, DayOfWeek.MONDAY, 2);
        assertEquals(LocalDate.of(2026, 10, 12), rule.dateIn(2026));
        assertEquals(LocalDate.of(2027, 10, 11), rule.dateIn(2027));
    }

    @Test
    void lastWeekdayOfMonth() {
        HolidayRule rule = new HolidayRule.NthWeekday(5, DayOfWeek.MONDAY, -1);
        assertEquals(LocalDate.of(2026, 5, 25), rule.dateIn(2026));
        assertEquals(LocalDate.of(2027, 5, 31), rule.dateIn(2027));
    }

    @Test
    void nthWeekday_alwaysFallsInItsMonth() {
        for (int n : new int[] {1, 2, 3, 4, -1}) {
            for (int month = 1; month <= 12; month++) {
                for (int year = 2020; year <= 2040; year++) {
                    assertEquals(month, new HolidayRule.NthWeekday(month, DayOfWeek.SUNDAY, n).dateIn(year).getMonthValue());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -2})
    void nthWeekday_withoutADateEveryYear_isRejected(int n) {
        // A 5th Monday of February would otherwise land in March.
        assertThrows(IllegalArgumentException.class, () -> new HolidayRule.NthWeekday(2, DayOfWeek.MONDAY, n));
    }

    @Test
    void mondayIfSunday_movesOnlySundayDates() {
        HolidayRule fete = new HolidayRule.MondayIfSunday(new HolidayRule.Fixed(java.time.MonthDay.of(6, 24)));
        assertEquals(LocalDate.of(2029, 6, 25), fete.dateIn(2029), "24 June 2029 is a Sunday");
        assertEquals(LocalDate.of(2026, 6, 24), fete.dateIn(2026), "a Wednesday stays");
        assertEquals(LocalDate.of(2035, 6, 25), fete.dateIn(2035));
    }

    @Test
    void fixedDate_sameDayEveryYear() {
        HolidayRule rule = new HolidayRule.Fixed(MonthDay.of(6, 24));
        assertEquals(LocalDate.of(2026, 6, 24), rule.dateIn(2026));
        assertEquals(LocalDate.of(2027, 6, 24), rule.dateIn(2027));
    }

}
