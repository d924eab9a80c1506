package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.Closure;
import org.aiguilleur.routing.Holiday;
import org.aiguilleur.routing.HolidayCalendar;
import org.aiguilleur.routing.HolidayRule;
import org.aiguilleur.routing.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** centres.yaml as read: hours, holidays, closures. */
class CentresConfigTest {

    private static Configuration shipped() throws ConfigException {
        return ConfigLoader.load(ConfigFixture.SHIPPED);
    }

    private static Centre centre(Configuration c, String id) {
        return c.centres().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void quebecRegions_opensWeekdays0830To1630() throws ConfigException {
        Centre c = centre(shipped(), "quebec-regions");
        TimeRange day = TimeRange.of(LocalTime.of(8, 30), LocalTime.of(16, 30));
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            assertEquals(List.of(day), c.hours().on(d), d.toString());
        }
        assertEquals(List.of(), c.hours().on(DayOfWeek.SATURDAY));
        assertEquals(List.of(), c.hours().on(DayOfWeek.SUNDAY));
    }

    @Test
    void grandMontreal_opensDaily0800To2000() throws ConfigException {
        Centre c = centre(shipped(), "grand-montreal");
        for (DayOfWeek d : DayOfWeek.values()) {
            assertEquals(List.of(TimeRange.of(LocalTime.of(8, 0), LocalTime.of(20, 0))), c.hours().on(d), d.toString());
        }
    }

    @Test
    void shippedCalendar_hasOneRuleOfEachKind() throws ConfigException {
        List<Holiday> h = shipped().calendars().get("quebec-statutory").holidays();
        assertEquals(new HolidayRule.Fixed(MonthDay.of(1, 1)), h.get(0).rule());
        assertEquals(new HolidayRule.EasterOffset(-2), h.get(1).rule());
        assertEquals(new HolidayRule.EasterOffset(1), h.get(2).rule());
        assertEquals(new HolidayRule.WeekdayBefore(DayOfWeek.MONDAY, MonthDay.of(5, 25)), h.get(3).rule());
        assertEquals(new HolidayRule.NthWeekday(9, DayOfWeek.MONDAY, 1), h.get(6).rule());
        assertEquals(new HolidayRule.NthWeekday(10, DayOfWeek.MONDAY, 2), h.get(7).rule());
    }

    /** Each Québec holiday of centres.yaml in 2026 and 2027. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "New Year's Day         | 2026-01-01 | 2027-01-01",
        "Good Friday            | 2026-04-03 | 2027-03-26",
        "Easter Monday          | 2026-04-06 | 2027-03-29",
        "National Patriots' Day | 2026-05-18 | 2027-05-24",
        "Fête nationale         | 2026-06-24 | 2027-06-24",
        "Canada Day             | 2026-07-01 | 2027-07-01",
        "Labour Day             | 2026-09-07 | 2027-09-06",
        "Thanksgiving           | 2026-10-12 | 2027-10-11",
        "Christmas Day          | 2026-12-25 | 2027-12-25",
        "Boxing Day             | 2026-12-26 | 2027-12-26",
    })
    void shippedCalendar_datesIn2026And2027(String name, LocalDate in2026, LocalDate in2027) throws ConfigException {
        HolidayCalendar cal = shipped().calendars().get("quebec-statutory");
        Holiday h = cal.holidays().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        assertEquals(in2026, h.rule().dateIn(2026));
        assertEquals(in2027, h.rule().dateIn(2027));
        assertEquals(Optional.of(h), cal.on(in2026));
        assertEquals(Optional.of(h), cal.on(in2027));
        assertEquals(Optional.empty(), cal.on(in2026.plusDays(2))); // no two holidays are two days apart
    }

    @Test
    void shippedCalendar_closesQuebecRegionsOnGoodFriday_butNotGrandMontreal() throws ConfigException {
        LocalDateTime goodFridayMorning = LocalDateTime.of(2026, 4, 3, 10, 0);
        assertEquals(Optional.of("holiday: Good Friday"), centre(shipped(), "quebec-regions").closedReason(goodFridayMorning));
        assertTrue(centre(shipped(), "grand-montreal").isOpen(goodFridayMorning));
        assertTrue(centre(shipped(), "quebec-regions").isOpen(goodFridayMorning.plusDays(6)));
    }

    @Test
    void hoursWithALunchBreak_areTwoRanges(@TempDir Path tmp) {
        Configuration c = ConfigFixture.copyOfShipped(tmp)
                .replace("config/centres.yaml", "mon-fri: \"08:30-16:30\"", "mon-fri: [\"08:30-12:00\", \"13:00-16:30\"]")
                .loadsCleanly();
        Centre q = centre(c, "quebec-regions");
        assertEquals(2, q.hours().on(DayOfWeek.WEDNESDAY).size());
        assertTrue(q.isOpen(LocalDateTime.of(2026, 11, 25, 11, 59)));
        assertFalse(q.isOpen(LocalDateTime.of(2026, 11, 25, 12, 30)));
        assertTrue(q.isOpen(LocalDateTime.of(2026, 11, 25, 13, 0)));
        assertFalse(q.isOpen(LocalDateTime.of(2026, 11, 25, 16, 30)));
    }

    @Test
    void hoursUntil2400_coverTheLastMinute(@TempDir Path tmp) {
        Configuration c = ConfigFixture.copyOfShipped(tmp)
                .replace("config/centres.yaml", "daily: \"08:00-20:00\"", "daily: \"00:00-24:00\"")
                .loadsCleanly();
        Centre g = centre(c, "grand-montreal");
        assertTrue(g.hours().on(DayOfWeek.SUNDAY).get(0).endOfDay());
        assertTrue(g.isOpen(LocalDateTime.of(2026, 11, 22, 23, 59, 59)));
        assertTrue(g.isOpen(LocalDateTime.of(2026, 11, 22, 0, 0)));
    }

    @Test
    void closedDayAndDayRanges(@TempDir Path tmp) {
        Configuration c = ConfigFixture.copyOfShipped(tmp)
                .replace("config/centres.yaml", "daily: \"08:00-20:00\"",
                        "mon-fri: \"08:00-20:00\"\n      sat: closed\n      sun: \"10:00-16:00\"")
                .loadsCleanly();
        Centre g = centre(c, "grand-montreal");
        assertEquals(List.of(), g.hours().on(DayOfWeek.SATURDAY));
        assertEquals(List.of(TimeRange.of(LocalTime.of(10, 0), LocalTime.of(16, 0))), g.hours().on(DayOfWeek.SUNDAY));
        assertEquals(1, g.hours().on(DayOfWeek.FRIDAY).size());
    }

    @Test
    void closure_isReadInLocalTime_fromInclusiveUntilExclusive(@TempDir Path tmp) {
        Configuration c = ConfigFixture.copyOfShipped(tmp)
                .replace("config/centres.yaml", "holidays: quebec-statutory\n    closures: []",
                        "holidays: quebec-statutory\n    closures:\n"
                                + "      - { from: \"2026-12-24T12:00\", until: \"2026-12-24T16:30\", reason: Christmas Eve afternoon }")
                .loadsCleanly();
        Centre q = centre(c, "quebec-regions");
        assertEquals(List.of(new Closure(LocalDateTime.of(2026, 12, 24, 12, 0), LocalDateTime.of(2026, 12, 24, 16, 30),
                "Christmas Eve afternoon")), q.closures());
        assertTrue(q.isOpen(LocalDateTime.of(2026, 12, 24, 11, 59)));
        assertEquals(Optional.of("closure: Christmas Eve afternoon"), q.closedReason(LocalDateTime.of(2026, 12, 24, 12, 0)));
    }

    @Test
    void lastWeekdayRule_isRead(@TempDir Path tmp) {
        Configuration c = ConfigFixture.copyOfShipped(tmp)
                .replace("config/centres.yaml", "    - { name: Boxing Day,             date: \"12-26\" }",
                        "    - { name: Boxing Day,             date: \"12-26\" }\n"
                                + "    - { name: Last Monday of May, month: 5, weekday: mon, nth: -1 }")
                .loadsCleanly();
        HolidayCalendar cal = c.calendars().get("quebec-statutory");
        assertEquals(11, cal.holidays().size());
        assertEquals("Last Monday of May", cal.on(LocalDate.of(2027, 5, 31)).orElseThrow().name());
    }
}
