package org.aiguilleur.agents.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.SharedDatabases;
import org.junit.jupiter.api.Test;

/**
 * Two server instances' stores on one database, many threads changing presence, adding callers and
 * ending offers on both: no caller and no agent is ever in two offers at once, and what the threads
 * hold is exactly what the database says.
 */
class SharedPresenceConcurrencyTest {
    private static final Instant T0 = Fixtures.local("2026-11-24T10:00");
    private static final List<String> AGENTS = List.of("amelie-roy", "carlos-mendez", "nadia-haddad", "kevin-obrien");

    @Test
    void twoInstancesOnPostgres_neverOfferACallerOrAnAgentTwiceAtOnce() throws Exception {
        String url = SharedDatabases.postgresSchema("presence_concurrency");
        try {
            run(url);
        } finally {
            SharedDatabases.dropPostgresSchema(url);
        }
    }

    @Test
    void twoInstancesOnH2_neverOfferACallerOrAnAgentTwiceAtOnce() throws Exception {
        run(SharedDatabases.h2Url());
    }

    private void run(String url) throws Exception {
        try (Database dbA = SharedDatabases.open(url, 4); Database dbB = SharedDatabases.open(url, 4)) {
            PresenceStore a = new JdbcPresenceStore(dbA, Fixtures.shipped().agents(), Fixtures.shipped().centres(), T0, Duration.ofSeconds(50));
            PresenceStore b = new JdbcPresenceStore(dbB, Fixtures.shipped().agents(), Fixtures.shipped().centres(), T0, Duration.ofSeconds(50));
            List<PresenceStore> stores = List.of(a, b);
            // Who is in an offer now, by agent and by caller: an offer is dropped here before the store ends it.
            Map<String, Offer> byAgent = new ConcurrentHashMap<>();
            Map<String, Offer> byCaller = new ConcurrentHashMap<>();
            List<String> doubles = new CopyOnWriteArrayList<>();
            List<Offer> active = new CopyOnWriteArrayList<>();
            AtomicInteger callers = new AtomicInteger();
            AtomicInteger made = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < 60; i++) {
                        PresenceStore s = stores.get(random.nextInt(2));
                        Instant now = T0.plusSeconds(i);
                        List<Offer> offers = new ArrayList<>();
                        switch (random.nextInt(5)) {
                            case 0, 1 -> {
                                int n = callers.incrementAndGet();
                                offers.addAll(s.callerWaiting(new WaitingCaller("CA" + n, "grand-montreal-fr", "fr-CA", "montreal",
                                        "housing", "", now), now));
                            }
                            case 2 -> offers.addAll(s.setPresence(AGENTS.get(random.nextInt(4)),
                                    random.nextInt(3) == 0 ? Presence.AWAY : Presence.AVAILABLE, now).orElseThrow());
                            case 3 -> {
                                Offer o = takeOne(active, random);
                                if (o != null) {
                                    release(o, byAgent, byCaller);
                                    if (random.nextBoolean()) {
                                        s.taken(o.id(), now);
                                        offers.addAll(s.finished(o.id(), now));
                                        finished.incrementAndGet();
                                    } else {
                                        offers.addAll(s.notTaken(o.id(), now));
                                    }
                                }
                            }
                            default -> offers.addAll(s.tick(now));
                        }
                        for (Offer o : offers) {
                            made.incrementAndGet();
                            if (byAgent.putIfAbsent(o.agentId(), o) != null) {
                                doubles.add("agent " + o.agentId());
                            }
                            if (byCaller.putIfAbsent(o.callId(), o) != null) {
                                doubles.add("caller " + o.callId());
                            }
                            active.add(o);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
            assertEquals(List.of(), doubles);
            assertTrue(made.get() > 10, "only " + made.get() + " offers made: the test did not exercise matching");
            long busy = a.states().stream().filter(s -> s.activity() != Activity.IDLE).count();
            assertEquals(active.size(), busy);
            for (Offer o : active) {
                assertEquals(o, b.offer(o.id()).orElseThrow());
            }
            assertEquals(callers.get(), a.waiting().size() + active.size() + finished.get());
        }
    }

    private static synchronized Offer takeOne(List<Offer> active, Random random) {
        if (active.isEmpty()) {
            return null;
        }
        return active.remove(random.nextInt(active.size()));
    }

    private static void release(Offer o, Map<String, Offer> byAgent, Map<String, Offer> byCaller) {
        byAgent.remove(o.agentId(), o);
        byCaller.remove(o.callId(), o);
    }
}
