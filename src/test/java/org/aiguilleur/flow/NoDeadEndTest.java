package org.aiguilleur.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Whatever a caller does, the call reaches a person, another service, a message or a clean end
 * within a bounded number of turns. Random callers, fixed seeds: a failure names its seed.
 */
class NoDeadEndTest {
    private static final String[] NUMBERS = {"+15145550100", "4185230100", "anonymous", "", "unknown",
        "+14165550100", "+33142685300", "8195550100", "4185550100", "4503720100"};
    private static final String[] SPEECH = {"français", "english please", "tagalog", "H2X 1Y4", "rent", "811",
        "blah", "", "oui", "Montréal"};
    private static final Set<String> QUEUES = Set.copyOf(Fixtures.shipped().queues());

    @Test
    void everyRandomCaller_endsWithADecisionOrAHangup() {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (long seed = 1; seed <= 3000; seed++) {
            Random rnd = new Random(seed);
            Instant at = base.plus(Duration.ofMinutes(rnd.nextInt(2 * 365 * 24 * 60)));
            String from = NUMBERS[rnd.nextInt(NUMBERS.length)];
            CallSession call = Fixtures.engineAt(at).newCall(new CallStart("seed-" + seed, "test", from, "211"));
            List<Action> turn = call.begin();
            List<String> inputs = new ArrayList<>();
            int turns = 0;
            while (!call.finished()) {
                if (++turns > 40) {
                    fail("seed " + seed + ": no end after 40 turns, inputs " + inputs + ", path " + call.result().path());
                }
                Action last = turn.get(turn.size() - 1);
                assertTrue(last instanceof Action.Collect || last instanceof Action.Record,
                        "seed " + seed + ": a turn of an unfinished call must wait for the caller: " + turn);
                Event e = randomEvent(rnd, last);
                inputs.add(e.toString());
                turn = call.handle(e);
            }
            CallResult r = call.result();
            assertTrue(r.outcome().isPresent(), "seed " + seed + ": no outcome, path " + r.path());
            assertTrue(r.error().isEmpty(), "seed " + seed + ": engine error " + r.error() + ", inputs " + inputs);
            switch (r.outcome().get()) {
                case QUEUED, INTERPRETER -> assertTrue(QUEUES.contains(r.queue().orElse("")),
                        "seed " + seed + ": unknown queue " + r.queue());
                case AFTER_HOURS -> assertTrue(r.callback().isPresent(), "seed " + seed + ": after-hours without callback flag");
                case TRANSFERRED -> assertTrue(r.transferTo().isPresent(), "seed " + seed);
                case HANGUP -> assertTrue(inputs.get(inputs.size() - 1).startsWith("Hangup"), "seed " + seed);
                default -> fail("seed " + seed);
            }
        }
    }

    private static Event randomEvent(Random rnd, Action waiting) {
        int k = rnd.nextInt(100);
        if (k < 3) {
            return new Event.Hangup();
        }
        if (waiting instanceof Action.Record) {
            return k < 80 ? new Event.Recorded("/tmp/m.wav", Duration.ofSeconds(5)) : new Event.Timeout();
        }
        if (k < 15) {
            return new Event.Timeout();
        }
        if (k < 20) {
            return new Event.Invalid("garbled");
        }
        if (k < 30) {
            return new Event.Speech(SPEECH[rnd.nextInt(SPEECH.length)]);
        }
        int len = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(4) : 0);
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < len; i++) {
            keys.append("0123456789*#".charAt(rnd.nextInt(12)));
        }
        return new Event.Digits(keys.toString());
    }
}
