package org.aiguilleur.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The routing rule on small hand-made centres, closures included. */
class RouterTest {
    static final ZoneId ZONE = ZoneId.of("America/Toronto");

    static WeeklyHours daily(String from, String to) {
        TimeRange r = TimeRange.of(LocalTime.parse(from), LocalTime.parse(to));
        Map<DayOfWeek, List<TimeRange>> m = new java.util.EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            m.put(d, List.of(r));
        }
        return new WeeklyHours(m);
    }

    static Centre centre(String id, List<String> regions, List<String> languages, WeeklyHours hours, List<Closure> closures) {
        return new Centre(id, id, regions, languages, hours, Optional.empty(), closures);
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    private final Closure storm = new Closure(LocalDateTime.parse("2027-01-15T12:00"), LocalDateTime.parse("2027-01-16T00:00"), "ice storm");
    private final Centre north = centre("north", List.of("a"), List.of("fr", "en"), daily("09:00", "17:00"), List.of(storm));
    private final Centre south = centre("south", List.of("b"), List.of("fr", "es"), daily("08:00", "20:00"), List.of());
    private final Router router = new Router(List.of(north, south), "south", ZONE, "fr");

    @Test
    void homeCentreOpenAndSpeaking_getsTheCall() {
        assertEquals(new RouteDecision.Queue(north, "north-en", "en"),
                router.route("a", "en-CA", at("2027-01-15T10:00"), LiveStaffing.UNKNOWN, Set.of()));
    }

    @Test
    void oneOffClosure_sendsTheCallToTheOtherCentre() {
        assertEquals(new RouteDecision.Queue(south, "south-fr", "fr"),
                router.route("a", "fr-CA", at("2027-01-15T12:00"), LiveStaffing.UNKNOWN, Set.of()));
        assertEquals(Optional.of("closure: ice storm"), north.closedReason(LocalDateTime.parse("2027-01-15T13:00")));
        assertEquals(Optional.empty(), north.closedReason(LocalDateTime.parse("2027-01-16T10:00")));
    }

    @Test
    void nobodySpeaksIt_interpreterAtTheFirstOpenCandidate() {
        assertEquals(new RouteDecision.Interpreter(north, "north-fr", "ar"),
                router.route("a", "ar", at("2027-01-14T10:00"), LiveStaffing.UNKNOWN, Set.of()));
        assertEquals(new RouteDecision.Interpreter(south, "south-fr", "ar"),
                router.route("a", "ar", at("2027-01-14T18:00"), LiveStaffing.UNKNOWN, Set.of()));
    }

    @Test
    void allClosed_isClosedWithTheHomeCentre() {
        assertEquals(new RouteDecision.Closed(north), router.route("a", "fr", at("2027-01-14T21:00"), LiveStaffing.UNKNOWN, Set.of()));
    }

    @Test
    void unknownRegion_usesTheDefaultCentresRules() {
        assertEquals(south, router.homeCentre("unknown"));
        assertInstanceOf(RouteDecision.Queue.class, router.route("unknown", "es", at("2027-01-14T19:00"), LiveStaffing.UNKNOWN, Set.of()));
    }

    @Test
    void excludedCentre_isPassedOver() {
        assertEquals(new RouteDecision.Queue(south, "south-fr", "fr"),
                router.route("a", "fr", at("2027-01-14T10:00"), LiveStaffing.UNKNOWN, Set.of("north")));
    }

    @Test
    void endOfDay_coversTheLastMinute() {
        TimeRange allDay = new TimeRange(LocalTime.MIDNIGHT, LocalTime.MAX, true);
        assertEquals(true, allDay.contains(LocalTime.parse("23:59:59")));
        assertEquals(false, TimeRange.of(LocalTime.parse("08:00"), LocalTime.parse("20:00")).contains(LocalTime.parse("20:00")));
    }

    @Test
    void primarySubtag() {
        assertEquals("fr", Router.primary("fr-CA"));
        assertEquals("und", Router.primary(""));
        assertEquals("zh", Router.primary("zh-Hant-TW"));
    }
}
