package org.aiguilleur.agents.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** What a reloaded roster does to the store's live state: presence kept, removed agents signed out, callers kept. */
class RosterChangeTest {
    private static final Instant T0 = Fixtures.local("2026-11-24T10:00");
    private static final Duration STALE = Duration.ofSeconds(50);
    private final Configuration shipped = Fixtures.shipped();
    private final InMemoryPresenceStore store = new InMemoryPresenceStore(shipped.agents(), shipped.centres(),
            T0.minusSeconds(3600), STALE);

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static WaitingCaller caller(String id, String queue, int since) {
        return new WaitingCaller(id, queue, "fr-CA", "montreal", "housing", "", at(since));
    }

    private List<Offer> available(String agent, int at) {
        return store.setPresence(agent, Presence.AVAILABLE, at(at)).orElseThrow();
    }

    /** The shipped roster without {@code removed}, with {@code changed} replacing the agent of the same id. */
    private Roster roster(List<String> removed, Agent... changed) {
        List<Agent> agents = new ArrayList<>();
        for (Agent a : shipped.agents().agents()) {
            if (removed.contains(a.id())) {
                continue;
            }
            Agent out = a;
            for (Agent c : changed) {
                out = c.id().equals(a.id()) ? c : out;
            }
            agents.add(out);
        }
        for (Agent c : changed) {
            if (shipped.agents().agent(c.id()).isEmpty()) {
                agents.add(c);
            }
        }
        Roster r = shipped.agents();
        return new Roster(agents, r.tokensFile(), r.answerTimeout(), r.acceptKey(), r.retryAfter(), r.whispers());
    }

    private Agent with(String id, List<String> languages) {
        Agent a = shipped.agents().agent(id).orElseThrow();
        return new Agent(a.id(), a.name(), a.centre(), languages, a.reach(), a.whisper(), a.supervisor());
    }

    @Test
    void keptAgents_keepTheirPresenceAndIdleTime_newAgentsStartOffline() {
        available("kevin-obrien", 0);
        Instant idle = store.state("kevin-obrien").orElseThrow().idleSince();
        Agent rosa = new Agent("rosa-diaz", "Rosa Díaz", "grand-montreal", List.of("es"),
                shipped.agents().agent("carlos-mendez").orElseThrow().reach(), "fr-CA", false);
        store.rosterChanged(roster(List.of(), rosa), shipped.centres(), STALE, at(10));
        AgentState kevin = store.state("kevin-obrien").orElseThrow();
        assertEquals(Presence.AVAILABLE, kevin.presence());
        assertEquals(idle, kevin.idleSince());
        assertEquals(Presence.OFFLINE, store.state("rosa-diaz").orElseThrow().presence());
        assertEquals("rosa-diaz", store.states().get(store.states().size() - 1).agentId(), "roster order");
        assertEquals(List.of(), available("rosa-diaz", 11));
        assertEquals(List.of("rosa-diaz"), store.callerWaiting(caller("CA1", "grand-montreal-es", 12), at(12)).stream()
                .map(Offer::agentId).toList(), "a new agent takes callers at once");
    }

    @Test
    void newLanguage_matchesACallerAlreadyWaiting_atTheReload() {
        available("kevin-obrien", 0);
        assertEquals(List.of(), store.callerWaiting(caller("CA1", "grand-montreal-es", 1), at(1)));
        List<Offer> offers = store.rosterChanged(roster(List.of(), with("kevin-obrien", List.of("en", "es"))),
                shipped.centres(), STALE, at(5));
        assertEquals(List.of("CA1 kevin-obrien"), offers.stream().map(o -> o.callId() + " " + o.agentId()).toList());
    }

    @Test
    void droppedLanguage_isNotOfferedAnyMore() {
        available("kevin-obrien", 0);
        store.rosterChanged(roster(List.of(), with("kevin-obrien", List.of("en"))), shipped.centres(), STALE, at(1));
        assertEquals(List.of(), store.callerWaiting(caller("CA1", "grand-montreal-fr", 2), at(2)));
        assertEquals(1, store.callerWaiting(caller("CA2", "grand-montreal-en", 3), at(3)).size());
    }

    @Test
    void removedIdleAgent_isGoneAtOnce() {
        available("luc-bouchard", 0);
        store.rosterChanged(roster(List.of("luc-bouchard")), shipped.centres(), STALE, at(1));
        assertEquals(Optional.empty(), store.state("luc-bouchard"));
        assertEquals(Optional.empty(), store.setPresence("luc-bouchard", Presence.AVAILABLE, at(2)));
        assertTrue(store.states().stream().noneMatch(s -> s.agentId().equals("luc-bouchard")));
        assertEquals(List.of(), store.callerWaiting(caller("CA1", "quebec-regions-fr", 3), at(3)).stream()
                .filter(o -> o.agentId().equals("luc-bouchard")).toList());
    }

    @Test
    void removedAgentOnACall_keepsTheCallToItsEnd_thenIsGone_andIsNeverOfferedAgain() {
        available("luc-bouchard", 0);
        Offer offer = store.callerWaiting(caller("CA1", "quebec-regions-fr", 1), at(1)).get(0);
        assertEquals("luc-bouchard", offer.agentId());
        store.rosterChanged(roster(List.of("luc-bouchard")), shipped.centres(), STALE, at(2));
        assertEquals(Optional.empty(), store.state("luc-bouchard"));
        assertTrue(store.taken(offer.id(), at(3)), "the call goes on");
        store.finished(offer.id(), at(60));
        assertEquals(Optional.empty(), store.offer(offer.id()));
        store.callerWaiting(caller("CA2", "quebec-regions-fr", 61), at(61));
        assertEquals(List.of("CA2"), store.waiting().stream().map(WaitingCaller::callId).toList(),
                "nobody at quebec-regions is available");
        // Listed again later: offline until they say otherwise, then offered as anyone.
        store.rosterChanged(roster(List.of()), shipped.centres(), STALE, at(70));
        assertEquals(Presence.OFFLINE, store.state("luc-bouchard").orElseThrow().presence());
        assertEquals("CA2", available("luc-bouchard", 71).get(0).callId());
    }

    @Test
    void removedAgentWhoMisses_theCallerGoesBackToTheFront_forSomeoneElse() {
        available("luc-bouchard", 0);
        Offer offer = store.callerWaiting(caller("CA1", "quebec-regions-fr", 1), at(1)).get(0);
        available("marie-gagnon", 2);
        store.rosterChanged(roster(List.of("luc-bouchard")), shipped.centres(), STALE, at(3));
        List<Offer> next = store.notTaken(offer.id(), at(25));
        assertEquals(List.of("CA1 marie-gagnon"), next.stream().map(o -> o.callId() + " " + o.agentId()).toList());
        assertEquals(Optional.empty(), store.state("luc-bouchard"));
    }

    @Test
    void waitingCallers_keepTheirPlaces_evenInAQueueNoLongerServed() {
        store.callerWaiting(caller("CA1", "grand-montreal-ar", 0), at(0));
        store.callerWaiting(caller("CA2", "grand-montreal-fr", 1), at(1));
        store.rosterChanged(roster(List.of("nadia-haddad")), shipped.centres(), STALE, at(2));
        assertEquals(List.of("CA1", "CA2"), store.waiting().stream().map(WaitingCaller::callId).toList());
    }
}
