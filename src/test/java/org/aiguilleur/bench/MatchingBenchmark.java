package org.aiguilleur.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.presence.InMemoryPresenceStore;
import org.aiguilleur.agents.presence.Offer;
import org.aiguilleur.agents.presence.Presence;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Reach;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
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
 * One match and its end in the in-memory presence store, at a busy centre's size: 40 agents
 * (20 available and idle), 30 callers waiting in a queue nobody available speaks (scanned on every
 * match). Each operation: a caller arrives and is offered, the call is taken and finishes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MatchingBenchmark {
    private InMemoryPresenceStore store;
    private Instant now = Instant.parse("2026-11-24T15:00:00Z");
    private long n;

    @Setup
    public void setUp() throws Exception {
        Configuration config = ConfigLoader.load(Path.of("config"));
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            agents.add(new Agent("agent-" + i, "Agent " + i, "grand-montreal", i % 2 == 0 ? List.of("fr", "en") : List.of("en"),
                    new Reach.Client("agent-" + i), "fr-CA", false));
        }
        Roster roster = new Roster(agents, Optional.empty(), Duration.ofSeconds(20), Optional.of("1"), Duration.ofSeconds(10),
                config.agents().whispers());
        store = new InMemoryPresenceStore(roster, config.centres(), now, Duration.ofSeconds(50));
        for (int i = 0; i < 20; i++) {
            store.setPresence("agent-" + i, Presence.AVAILABLE, now);
        }
        for (int i = 0; i < 30; i++) {
            store.callerWaiting(new WaitingCaller("CA-es-" + i, "grand-montreal-es", "es", "montreal", "food", "", now), now);
        }
    }

    @Benchmark
    public Offer matchTakeFinish() {
        now = now.plusMillis(1);
        List<Offer> offers = store.callerWaiting(
                new WaitingCaller("CA" + n++, "grand-montreal-fr", "fr-CA", "montreal", "housing", "", now), now);
        Offer o = offers.get(0);
        store.taken(o.id(), now);
        store.finished(o.id(), now);
        return o;
    }
}
