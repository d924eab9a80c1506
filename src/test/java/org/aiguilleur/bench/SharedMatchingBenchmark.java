package org.aiguilleur.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.presence.JdbcPresenceStore;
import org.aiguilleur.agents.presence.Offer;
import org.aiguilleur.agents.presence.Presence;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Reach;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.testing.SharedDatabases;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MatchingBenchmark}'s operation on the database store shared by several instances: 40 agents
 * (20 available), 30 callers waiting in a queue nobody available speaks; a caller arrives and is
 * offered, the call is taken and finished: three transactions, three matching passes. {@code h2}: an
 * in-memory H2 database in the same JVM; {@code postgres}: the PostgreSQL server of
 * {@code .ci/setup.d/20-postgresql.sh} on loopback ({@code AIGUILLEUR_TEST_PG_URL}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SharedMatchingBenchmark {
    @Param({"h2", "postgres"})
    public String database;

    private Database db;
    private String url;
    private JdbcPresenceStore store;
    private Instant now = Instant.parse("2026-11-24T15:00:00Z");
    private long n;

    @Setup
    public void setUp() throws Exception {
        url = database.equals("h2") ? SharedDatabases.h2Url() : SharedDatabases.postgresSchema("presence_bench");
        db = SharedDatabases.open(url, 4);
        Configuration config = ConfigLoader.load(Path.of("config"));
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            agents.add(new Agent("agent-" + i, "Agent " + i, "grand-montreal", i % 2 == 0 ? List.of("fr", "en") : List.of("en"),
                    new Reach.Client("agent-" + i), "fr-CA", false));
        }
        Roster roster = new Roster(agents, Optional.empty(), Duration.ofSeconds(20), Optional.of("1"), Duration.ofSeconds(10),
                config.agents().whispers());
        store = new JdbcPresenceStore(db, roster, config.centres(), now, Duration.ofSeconds(50));
        for (int i = 0; i < 20; i++) {
            store.setPresence("agent-" + i, Presence.AVAILABLE, now);
        }
        for (int i = 0; i < 30; i++) {
            store.callerWaiting(new WaitingCaller("CA-es-" + i, "grand-montreal-es", "es", "montreal", "food", "", now), now);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        db.close();
        SharedDatabases.dropPostgresSchema(url);
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
