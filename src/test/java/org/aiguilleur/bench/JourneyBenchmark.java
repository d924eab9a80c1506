package org.aiguilleur.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.CallSession;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.flow.Event;
import org.aiguilleur.routing.LiveStaffing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole caller journey through the engine, from the first prompt to the decision: what a
 * front door spends in Aiguilleur's own logic per call. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JourneyBenchmark {
    private Engine engine;

    @Setup
    public void setUp() throws Exception {
        // Tuesday 10:00 in Montréal: both centres open.
        Instant at = Instant.parse("2026-11-24T15:00:00Z");
        engine = ConfigLoader.load(Path.of("config"))
                .engine(Clock.fixed(at, ZoneId.of("America/Toronto")), LiveStaffing.UNKNOWN);
    }

    /** Known number, French, housing: welcome, language, need, route. */
    @Benchmark
    public List<Action> knownNumber() {
        CallSession call = engine.newCall(new CallStart("bench", "bench", "+15145550100", "211"));
        call.begin();
        call.handle(new Event.Digits("1"));
        return call.handle(new Event.Digits("1"));
    }

    /** Withheld number, ambiguous postal code keys, region choice, a retry at the needs menu. */
    @Benchmark
    public List<Action> postalCodeWithChoice() {
        CallSession call = engine.newCall(new CallStart("bench", "bench", "anonymous", "211"));
        call.begin();
        call.handle(new Event.Digits("2"));
        call.handle(new Event.Digits("412"));
        call.handle(new Event.Digits("2"));
        call.handle(new Event.Timeout());
        return call.handle(new Event.Digits("3"));
    }

    /** Second language menu, a language named by speech, interpreter. */
    @Benchmark
    public List<Action> spokenLanguageInterpreter() {
        CallSession call = engine.newCall(new CallStart("bench", "bench", "4185230100", "211"));
        call.begin();
        call.handle(new Event.Digits("9"));
        call.handle(new Event.Speech("I speak Tagalog"));
        return call.handle(new Event.Digits("1"));
    }
}
