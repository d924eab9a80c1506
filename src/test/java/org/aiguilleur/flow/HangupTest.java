package org.aiguilleur.flow;

import static org.aiguilleur.testing.Fixtures.call;
import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A hang-up at each step ends the call with outcome hangup and keeps what was known. */
class HangupTest {
    static final Instant OPEN = local("2026-11-24T10:00");
    static final Instant NIGHT = local("2026-11-24T21:00");

    static Stream<Arguments> steps() {
        return Stream.of(
            Arguments.of("language", "+15145550100", "hangup", null, null, null),
            Arguments.of("other-languages", "+15145550100", "9 hangup", null, null, null),
            Arguments.of("postal-code", "anonymous", "2 hangup", "en-CA", null, null),
            Arguments.of("region-choice", "anonymous", "1 412 hangup", "fr-CA", null, null),
            Arguments.of("need", "+15145550100", "3 hangup", "es", "montreal", null),
            Arguments.of("need after a retry", "4185230100", "1 9 hangup", "fr-CA", "capitale-nationale", null));
    }

    @ParameterizedTest(name = "hang-up at {0}")
    @MethodSource("steps")
    void hangupBeforeDecision_isOutcomeHangupWithWhatWasKnown(String step, String from, String inputs,
                                                               String language, String region, String need) {
        CallResult r = call(from, OPEN, inputs.split(" ")).result();
        assertEquals(Optional.of(Outcome.HANGUP), r.outcome());
        assertEquals(Optional.ofNullable(language), r.language());
        assertEquals(Optional.ofNullable(region), r.region());
        assertEquals(Optional.ofNullable(need), r.need());
        assertTrue(r.queue().isEmpty(), "no queue was given");
        assertTrue(r.path().get(r.path().size() - 1).startsWith("hangup@"), r.path().toString());
    }

    @Test
    void hangupDuringAfterHoursMenu_keepsTheAfterHoursDecision() {
        CallResult r = call("+15145550100", NIGHT, "1", "1", "hangup").result();
        assertEquals(Optional.of(Outcome.AFTER_HOURS), r.outcome());
        assertEquals(Optional.of(false), r.callback());
    }

    @Test
    void hangupDuringRecording_leavesNoCallback() {
        CallSession s = Fixtures.engineAt(NIGHT).newCall(new CallStart("c1", "test", "+15145550100", "211"));
        s.begin();
        s.handle(new Event.Digits("1"));
        s.handle(new Event.Digits("1"));
        List<Action> record = s.handle(new Event.Digits("1"));
        assertTrue(record.get(record.size() - 1) instanceof Action.Record, record.toString());
        assertEquals(List.of(), s.handle(new Event.Hangup()));
        assertEquals(Optional.of(Outcome.AFTER_HOURS), s.result().outcome());
        assertEquals(Optional.of(false), s.result().callback());
        assertTrue(s.finished());
    }

    @Test
    void hangupAfterQueueing_keepsQueuedAndIgnoresLaterEvents() {
        CallSession s = Fixtures.engineAt(OPEN).newCall(new CallStart("c2", "test", "+15145550100", "211"));
        s.begin();
        s.handle(new Event.Digits("1"));
        List<Action> queued = s.handle(new Event.Digits("1"));
        assertEquals(new Action.Enqueue("grand-montreal-fr", "fr-CA"), queued.get(queued.size() - 1));
        assertEquals(List.of(), s.handle(new Event.Hangup()));
        assertEquals(List.of(), s.handle(new Event.Digits("5")));
        assertEquals(Optional.of(Outcome.QUEUED), s.result().outcome());
    }
}
