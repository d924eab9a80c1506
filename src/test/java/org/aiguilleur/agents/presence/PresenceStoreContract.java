package org.aiguilleur.agents.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PresenceStore}, run on every implementation (in memory, H2, PostgreSQL):
 * the matching rule on the shipped roster: at grand-montreal, amelie-roy (fr, en), carlos-mendez
 * (es, fr, en), nadia-haddad (ar, fr), kevin-obrien (en, fr); at quebec-regions, marie-gagnon (fr, en)
 * and luc-bouchard (fr).
 */
abstract class PresenceStoreContract {
    static final Instant T0 = Fixtures.local("2026-11-24T10:00");
    static final Duration STALE = Duration.ofSeconds(50);
    PresenceStore store;

    /** A fresh store on the shipped roster and centres, every agent offline and idle since {@code start}. */
    abstract PresenceStore newStore(Instant start, Duration stale) throws Exception;

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore(T0.minusSeconds(3600), STALE);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static WaitingCaller caller(String id, String queue, int since) {
        return new WaitingCaller(id, queue, "fr-CA", "montreal", "housing", "", at(since));
    }

    private List<Offer> available(String agent, int at) {
        return store.setPresence(agent, Presence.AVAILABLE, at(at)).orElseThrow();
    }

    @Test
    void longestIdleAgent_takesTheCaller() {
        available("kevin-obrien", 0);
        available("amelie-roy", 5);
        available("carlos-mendez", 10);
        List<Offer> offers = store.callerWaiting(caller("CA1", "grand-montreal-fr", 20), at(20));
        assertEquals(List.of("kevin-obrien"), offers.stream().map(Offer::agentId).toList());
        assertEquals(Activity.OFFERED, store.state("kevin-obrien").orElseThrow().activity());
        assertEquals(1, offers.get(0).attempt());
    }

    @Test
    void callerWaitingInAConference_isMatchedByTheSameRule_andKeepsTheFlagThroughOffersAndMisses() {
        available("kevin-obrien", 0);
        available("amelie-roy", 5);
        WaitingCaller interpreted = new WaitingCaller("CA9", "grand-montreal-fr", "zh", "montreal", "housing", "zh",
                at(10), true);
        List<Offer> offers = store.callerWaiting(interpreted, at(10));
        assertEquals(List.of("kevin-obrien"), offers.stream().map(Offer::agentId).toList());
        assertEquals(interpreted, offers.get(0).caller());
        assertEquals(interpreted, store.offer(offers.get(0).id()).orElseThrow().caller());
        // Missed: back at the front, still in the conference, to the next agent.
        List<Offer> next = store.notTaken(offers.get(0).id(), at(30));
        assertEquals(List.of("amelie-roy"), next.stream().map(Offer::agentId).toList());
        assertTrue(next.get(0).caller().conference());
        assertEquals(2, next.get(0).attempt());
    }

    @Test
    void longestWaitingCaller_isOfferedFirst() {
        store.callerWaiting(caller("CA2", "grand-montreal-fr", 5), at(5));
        store.callerWaiting(caller("CA1", "grand-montreal-fr", 0), at(6)); // reported late, waited longer
        store.callerWaiting(caller("CA3", "grand-montreal-fr", 7), at(7));
        assertEquals(List.of("CA1", "CA2", "CA3"), store.waiting().stream().map(WaitingCaller::callId).toList());
        assertEquals("CA1", available("amelie-roy", 10).get(0).callId());
        assertEquals("CA2", available("kevin-obrien", 11).get(0).callId());
        assertEquals(List.of("CA3"), store.waiting().stream().map(WaitingCaller::callId).toList());
    }

    @Test
    void onlyAnAgentOfTheQueuesCentreWhoSpeaksItsLanguage_takesTheCaller() {
        available("amelie-roy", 0);
        available("marie-gagnon", 0);
        available("nadia-haddad", 0);
        assertEquals(List.of(), store.callerWaiting(caller("CA1", "grand-montreal-es", 5), at(5)));
        assertEquals(List.of("carlos-mendez"), available("carlos-mendez", 6).stream().map(Offer::agentId).toList());
        // A Québec-régions caller is not offered to a Grand Montréal agent, however idle.
        List<Offer> qr = store.callerWaiting(caller("CA2", "quebec-regions-en", 7), at(7));
        assertEquals(List.of("marie-gagnon"), qr.stream().map(Offer::agentId).toList());
        assertEquals(List.of(), store.callerWaiting(caller("CA3", "quebec-regions-en", 8), at(8)));
    }

    @Test
    void agentsIdleSinceTheSameInstant_areTakenInRosterOrder() {
        available("kevin-obrien", 0);
        available("amelie-roy", 0);
        assertEquals("amelie-roy", store.callerWaiting(caller("CA1", "grand-montreal-en", 1), at(1)).get(0).agentId());
    }

    @Test
    void unknownQueueOrAwayAgents_makeNoOffer() {
        available("amelie-roy", 0);
        store.setPresence("amelie-roy", Presence.AWAY, at(1));
        assertEquals(List.of(), store.callerWaiting(caller("CA1", "grand-montreal-fr", 2), at(2)));
        assertEquals(List.of(), store.callerWaiting(caller("CA2", "somewhere-fr", 2), at(2)));
        assertTrue(store.setPresence("nobody", Presence.AVAILABLE, at(3)).isEmpty());
    }

    @Test
    void callerReportedTwice_keepsOnePlace() {
        store.callerWaiting(caller("CA1", "grand-montreal-fr", 0), at(0));
        store.callerWaiting(caller("CA1", "grand-montreal-fr", 3), at(3));
        assertEquals(1, store.waiting().size());
        Offer o = available("amelie-roy", 4).get(0);
        assertEquals(List.of(), store.callerWaiting(caller("CA1", "grand-montreal-fr", 5), at(5)));
        assertEquals(o, store.offer(o.id()).orElseThrow());
    }

    @Test
    void notTaken_putsTheCallerBackAtTheFront_setsTheAgentAway_andOffersTheNextAgent() {
        available("amelie-roy", 0);
        Offer first = store.callerWaiting(caller("CA1", "grand-montreal-fr", 1), at(1)).get(0);
        store.callerWaiting(caller("CA0", "grand-montreal-fr", 0), at(2)); // waited even longer, never offered
        List<Offer> next = store.notTaken(first.id(), at(25));
        assertEquals(List.of(), next);
        assertEquals(List.of("CA1", "CA0"), store.waiting().stream().map(WaitingCaller::callId).toList());
        AgentState amelie = store.state("amelie-roy").orElseThrow();
        assertEquals(Presence.AWAY, amelie.presence());
        assertEquals(Activity.IDLE, amelie.activity());
        Offer second = available("kevin-obrien", 30).get(0);
        assertEquals("CA1", second.callId());
        assertEquals(2, second.attempt());
        assertTrue(store.offer(first.id()).isEmpty());
    }

    @Test
    void failedDelivery_keepsTheCallerAtTheFront_untilTheRetryTime_andFreesTheAgent() {
        available("amelie-roy", 0);
        Offer o = store.callerWaiting(caller("CA1", "grand-montreal-fr", 1), at(1)).get(0);
        assertEquals(List.of(), store.failed(o.id(), at(11), at(1)));
        AgentState amelie = store.state("amelie-roy").orElseThrow();
        assertEquals(Presence.AVAILABLE, amelie.presence());
        assertEquals(at(0), amelie.idleSince());
        assertEquals(List.of(), store.tick(at(10)));
        Offer retry = store.tick(at(12)).get(0);
        assertEquals("CA1", retry.callId());
        assertEquals("amelie-roy", retry.agentId());
    }

    @Test
    void callerWhoLeavesWhileWaiting_isForgotten() {
        store.callerWaiting(caller("CA1", "grand-montreal-fr", 0), at(0));
        store.callerLeft("CA1", at(1));
        assertEquals(List.of(), available("amelie-roy", 2));
    }

    @Test
    void callerWhoHangsUpDuringAnOffer_freesTheAgentWithoutSettingThemAway() {
        available("amelie-roy", 0);
        Offer o = store.callerWaiting(caller("CA1", "grand-montreal-fr", 1), at(1)).get(0);
        store.callerWaiting(caller("CA2", "grand-montreal-fr", 2), at(2));
        assertEquals(List.of(), store.callerLeft("CA1", at(3)));
        Offer next = store.abandoned(o.id(), at(4)).get(0);
        assertEquals("CA2", next.callId());
        assertEquals(Presence.AVAILABLE, store.state("amelie-roy").orElseThrow().presence());
        assertEquals(List.of(), store.waiting());
    }

    @Test
    void finishedCall_makesTheAgentIdleSinceItsEnd() {
        available("amelie-roy", 0);
        available("kevin-obrien", 5);
        Offer o = store.callerWaiting(caller("CA1", "grand-montreal-fr", 6), at(6)).get(0);
        assertTrue(store.taken(o.id(), at(10)));
        assertEquals(Activity.ON_CALL, store.state("amelie-roy").orElseThrow().activity());
        store.finished(o.id(), at(300));
        assertEquals(at(300), store.state("amelie-roy").orElseThrow().idleSince());
        assertEquals("kevin-obrien", store.callerWaiting(caller("CA2", "grand-montreal-fr", 301), at(301)).get(0).agentId());
    }

    @Test
    void callerWhoLeavesDuringATakenCall_endsIt_andTheAgentIsIdleSinceThen() {
        available("amelie-roy", 0);
        Offer o = store.callerWaiting(caller("CA1", "grand-montreal-fr", 1), at(1)).get(0);
        store.taken(o.id(), at(5));
        store.callerLeft("CA1", at(200));
        AgentState amelie = store.state("amelie-roy").orElseThrow();
        assertEquals(Activity.IDLE, amelie.activity());
        assertEquals(at(200), amelie.idleSince());
        assertTrue(store.offer(o.id()).isEmpty());
    }

    @Test
    void agentWhoGoesAwayDuringACall_staysAwayAfterIt() {
        available("amelie-roy", 0);
        Offer o = store.callerWaiting(caller("CA1", "grand-montreal-fr", 1), at(1)).get(0);
        store.taken(o.id(), at(5));
        store.setPresence("amelie-roy", Presence.OFFLINE, at(60));
        store.finished(o.id(), at(100));
        assertEquals(List.of(), store.callerWaiting(caller("CA2", "grand-montreal-fr", 101), at(101)));
        assertEquals(Presence.OFFLINE, store.state("amelie-roy").orElseThrow().presence());
    }

    @Test
    void unansweredOfferWithoutCallback_isEndedWhenStale() {
        available("amelie-roy", 0);
        Offer o = store.callerWaiting(caller("CA1", "grand-montreal-fr", 1), at(1)).get(0);
        assertEquals(List.of(), store.tick(at(50)));
        assertTrue(store.offer(o.id()).isPresent());
        Offer again = store.tick(at(52)).get(0); // ended, caller back in front, agent free again
        assertEquals("CA1", again.callId());
        assertEquals(2, again.attempt());
    }

    @Test
    void concurrentChanges_neverOfferACallerOrAnAgentTwice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Offer> offers = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> agents = List.of("amelie-roy", "carlos-mendez", "nadia-haddad", "kevin-obrien");
        for (int i = 0; i < 200; i++) {
            int n = i;
            pool.execute(() -> offers.addAll(store.callerWaiting(caller("CA" + n, "grand-montreal-fr", n), at(n))));
            pool.execute(() -> offers.addAll(available(agents.get(n % 4), n)));
            // Any change may make an offer (a shared store makes one missed while its rows were busy).
            pool.execute(() -> offers.addAll(store.setPresence(agents.get((n + 1) % 4), Presence.AWAY, at(n)).orElseThrow()));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        Set<String> calls = new HashSet<>();
        offers.forEach(o -> assertTrue(calls.add(o.callId()), "offered twice: " + o.callId()));
        long busy = store.states().stream().filter(s -> s.activity() == Activity.OFFERED).count();
        assertEquals(offers.size(), busy);
        assertEquals(200, offers.size() + store.waiting().size());
    }
}
