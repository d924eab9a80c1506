package org.aiguilleur.flow;

import static org.aiguilleur.testing.Fixtures.call;
import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opening hours across daylight-saving changes and statutory holidays, through whole calls.
 * Instants are given in UTC so that a wrong offset shows: on the March Sunday 08:00 is 12:00Z,
 * on the November Sunday 13:00Z.
 */
class TimeRulesTest {
    static final String MONTREAL = "+15145550100";
    static final String QUEBEC_CITY = "4185230100";

    static Stream<Arguments> times() {
        return Stream.of(
            // DST starts Sunday 8 March 2026: Grand Montréal opens 08:00 EDT = 12:00Z.
            Arguments.of("march DST sunday 07:59 EDT: closed", MONTREAL, Instant.parse("2026-03-08T11:59:00Z"), "after-hours", null),
            Arguments.of("march DST sunday 08:00 EDT: open", MONTREAL, Instant.parse("2026-03-08T12:00:00Z"), "queued", "grand-montreal-fr"),
            Arguments.of("march DST sunday 19:59 EDT: open", MONTREAL, Instant.parse("2026-03-08T23:59:00Z"), "queued", "grand-montreal-fr"),
            Arguments.of("march DST sunday 20:00 EDT: closed", MONTREAL, Instant.parse("2026-03-09T00:00:00Z"), "after-hours", null),
            // Monday after: Québec régions opens 08:30 EDT = 12:30Z.
            Arguments.of("march monday 08:29 EDT: québec closed, montréal takes it", QUEBEC_CITY, Instant.parse("2026-03-09T12:29:00Z"), "queued", "grand-montreal-fr"),
            Arguments.of("march monday 08:30 EDT: québec open", QUEBEC_CITY, Instant.parse("2026-03-09T12:30:00Z"), "queued", "quebec-regions-fr"),
            // DST ends Sunday 1 November 2026: 08:00 EST = 13:00Z (12:30Z is 07:30 EST, not 08:30).
            Arguments.of("november DST sunday 07:30 EST: closed", MONTREAL, Instant.parse("2026-11-01T12:30:00Z"), "after-hours", null),
            Arguments.of("november DST sunday 08:00 EST: open", MONTREAL, Instant.parse("2026-11-01T13:00:00Z"), "queued", "grand-montreal-fr"),
            Arguments.of("november DST sunday 20:30 EST: closed", MONTREAL, Instant.parse("2026-11-02T01:30:00Z"), "after-hours", null),
            Arguments.of("november monday 08:29 EST: québec closed", QUEBEC_CITY, Instant.parse("2026-11-02T13:29:00Z"), "queued", "grand-montreal-fr"),
            Arguments.of("november monday 08:30 EST: québec open", QUEBEC_CITY, Instant.parse("2026-11-02T13:30:00Z"), "queued", "quebec-regions-fr"),
            Arguments.of("november monday 16:30 EST: québec closed", QUEBEC_CITY, Instant.parse("2026-11-02T21:30:00Z"), "queued", "grand-montreal-fr"),
            // Holidays close Québec régions; Grand Montréal opens on holidays. Two years each.
            Arguments.of("good friday 2026", QUEBEC_CITY, local("2026-04-03T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("good friday 2027", QUEBEC_CITY, local("2027-03-26T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("thursday before good friday 2027", QUEBEC_CITY, local("2027-03-25T10:00"), "queued", "quebec-regions-fr"),
            Arguments.of("easter monday 2026", QUEBEC_CITY, local("2026-04-06T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("easter monday 2027", QUEBEC_CITY, local("2027-03-29T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("patriots day 2026", QUEBEC_CITY, local("2026-05-18T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("patriots day 2027", QUEBEC_CITY, local("2027-05-24T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("monday after patriots day 2027 (25 May)", QUEBEC_CITY, local("2027-05-31T10:00"), "queued", "quebec-regions-fr"),
            Arguments.of("fete nationale 2026 (wednesday)", QUEBEC_CITY, local("2026-06-24T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("canada day 2027 (thursday)", QUEBEC_CITY, local("2027-07-01T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("labour day 2026", QUEBEC_CITY, local("2026-09-07T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("labour day 2027", QUEBEC_CITY, local("2027-09-06T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("thanksgiving 2026", QUEBEC_CITY, local("2026-10-12T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("thanksgiving 2027", QUEBEC_CITY, local("2027-10-11T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("christmas 2026 (friday)", QUEBEC_CITY, local("2026-12-25T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("boxing day 2027 is a sunday: closed anyway", QUEBEC_CITY, local("2027-12-26T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("new year 2027 (friday)", QUEBEC_CITY, local("2027-01-01T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("christmas 2026 at 21:00: everyone closed", QUEBEC_CITY, local("2026-12-25T21:00"), "after-hours", null),
            Arguments.of("canada day 2029 is a sunday: observed monday 2 july", QUEBEC_CITY, local("2029-07-02T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("fete nationale 2029 observed monday 25 june", QUEBEC_CITY, local("2029-06-25T10:00"), "queued", "grand-montreal-fr"),
            Arguments.of("tuesday 26 june 2029 is a working day", QUEBEC_CITY, local("2029-06-26T10:00"), "queued", "quebec-regions-fr"),
            Arguments.of("montréal is open on christmas", MONTREAL, local("2026-12-25T10:00"), "queued", "grand-montreal-fr"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("times")
    void routesByLocalQuebecTime(String name, String from, Instant at, String outcome, String queue) {
        CallResult r = call(from, at, "1", "1").result();
        assertEquals(outcome, r.outcome().orElseThrow().id(), name);
        assertEquals(Optional.ofNullable(queue), r.queue(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedReasons")
    void afterHoursSaysWhyTheHomeCentreIsClosed(String name, Instant at, String reason) {
        CallResult r = call(QUEBEC_CITY, at, "1", "1").result();
        assertEquals(Optional.of(reason), r.closedReason(), name);
    }

    static Stream<Arguments> closedReasons() {
        return Stream.of(
            Arguments.of("christmas night", local("2026-12-25T21:00"), "holiday: Christmas Day"),
            Arguments.of("good friday night 2027", local("2027-03-26T21:00"), "holiday: Good Friday"),
            Arguments.of("an ordinary night", local("2026-11-24T21:00"), "hours"));
    }
}
