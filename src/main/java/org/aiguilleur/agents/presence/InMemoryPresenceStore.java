package org.aiguilleur.agents.presence;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.routing.Centre;

/**
 * The {@link PresenceStore} of one server instance: everything in memory under one lock. Lost on a
 * restart (agents set their presence again; callers still in Twilio's queues are reported again by the
 * door or wait for the door's own hand-over). Matching scans the line and the roster, which is cheap
 * for a 211 centre's size (tens of agents, tens of callers). A reloaded roster
 * ({@link #rosterChanged}) keeps each listed agent's seat; a removed agent's seat stays, signed out,
 * only while their call in progress lasts.
 */
public final class InMemoryPresenceStore implements PresenceStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Map<String, Seat> seats = new LinkedHashMap<>();
    private final Map<String, String[]> queues = new LinkedHashMap<>();
    private final List<Place> line = new ArrayList<>();
    private final Map<String, Active> offers = new LinkedHashMap<>();
    private final Map<String, String> offerByCall = new LinkedHashMap<>();
    private Duration stale;

    /**
     * @param roster  the agents, all offline at first
     * @param centres the centres, whose queues {@code <centre>-<language>} the callers wait in
     * @param start   when the agents' idle time starts counting
     * @param stale   how long an offer nobody answered may wait for its callback before it is ended
     */
    public InMemoryPresenceStore(Roster roster, List<Centre> centres, Instant start, Duration stale) {
        int order = 0;
        for (Agent a : roster.agents()) {
            seats.put(a.id(), new Seat(a, order++, start));
        }
        queues(centres);
        this.stale = stale;
    }

    private void queues(List<Centre> centres) {
        queues.clear();
        for (Centre c : centres) {
            for (String l : c.languages()) {
                queues.put(c.queue(l), new String[] {c.id(), l});
            }
        }
    }

    /** Memory only, under one short lock. */
    @Override
    public boolean immediate() {
        return true;
    }

    @Override
    public synchronized Optional<AgentState> state(String agentId) {
        return Optional.ofNullable(seats.get(agentId)).filter(s -> !s.signedOut).map(Seat::snapshot);
    }

    @Override
    public synchronized List<AgentState> states() {
        return seats.values().stream().filter(s -> !s.signedOut).map(Seat::snapshot).toList();
    }

    @Override
    public synchronized List<WaitingCaller> waiting() {
        return line.stream().map(p -> p.caller).toList();
    }

    @Override
    public synchronized Optional<Offer> offer(String offerId) {
        return Optional.ofNullable(offers.get(offerId)).map(a -> a.offer);
    }

    @Override
    public synchronized Optional<List<Offer>> setPresence(String agentId, Presence presence, Instant now) {
        Seat s = seats.get(agentId);
        if (s == null || s.signedOut) {
            return Optional.empty();
        }
        if (s.presence != presence) {
            if (presence == Presence.AVAILABLE && s.activity == Activity.IDLE) {
                s.idleSince = now;
            }
            s.presence = presence;
            s.presenceSince = now;
        }
        return Optional.of(match(now));
    }

    @Override
    public synchronized List<Offer> callerWaiting(WaitingCaller caller, Instant now) {
        if (offerByCall.containsKey(caller.callId()) || line.stream().anyMatch(p -> p.caller.callId().equals(caller.callId()))) {
            return List.of();
        }
        // In order of waiting time among callers not put back at the front.
        int at = line.size();
        for (int i = 0; i < line.size(); i++) {
            if (!line.get(i).front && line.get(i).caller.since().isAfter(caller.since())) {
                at = i;
                break;
            }
        }
        line.add(at, new Place(caller));
        return match(now);
    }

    @Override
    public synchronized List<Offer> callerLeft(String callId, Instant now) {
        line.removeIf(p -> p.caller.callId().equals(callId));
        Active a = Optional.ofNullable(offerByCall.get(callId)).map(offers::get).orElse(null);
        if (a == null) {
            return List.of();
        }
        if (a.taken) {
            return end(a, now, true);
        }
        a.place.gone = true;
        return List.of();
    }

    @Override
    public synchronized List<Offer> abandoned(String offerId, Instant now) {
        Active a = offers.get(offerId);
        if (a == null) {
            return List.of();
        }
        a.place.gone = true;
        return end(a, now, a.taken);
    }

    @Override
    public synchronized boolean answered(String offerId, Instant now) {
        Active a = offers.get(offerId);
        if (a == null) {
            return false;
        }
        a.answered = true;
        return true;
    }

    @Override
    public synchronized boolean taken(String offerId, Instant now) {
        Active a = offers.get(offerId);
        if (a == null) {
            return false;
        }
        a.answered = true;
        a.taken = true;
        seats.get(a.offer.agentId()).activity = Activity.ON_CALL;
        return true;
    }

    @Override
    public synchronized boolean isTaken(String offerId) {
        Active a = offers.get(offerId);
        return a != null && a.taken;
    }

    @Override
    public synchronized List<Offer> finished(String offerId, Instant now) {
        Active a = offers.get(offerId);
        return a == null ? List.of() : end(a, now, true);
    }

    @Override
    public synchronized List<Offer> notTaken(String offerId, Instant now) {
        Active a = offers.get(offerId);
        if (a == null) {
            return List.of();
        }
        Seat s = seats.get(a.offer.agentId());
        remove(a);
        s.presence = Presence.AWAY;
        s.presenceSince = now;
        // The Dial result came from a live call: whatever the door said while it rang, the caller is still here.
        a.place.gone = false;
        backToFront(a.place);
        return match(now);
    }

    @Override
    public synchronized List<Offer> failed(String offerId, Instant retryAt, Instant now) {
        Active a = offers.get(offerId);
        if (a == null) {
            return List.of();
        }
        remove(a);
        a.place.notBefore = retryAt;
        backToFront(a.place);
        return match(now);
    }

    @Override
    public synchronized List<Offer> tick(Instant now) {
        for (Active a : List.copyOf(offers.values())) {
            if (!a.answered && a.offer.at().plus(stale).isBefore(now)) {
                remove(a);
                backToFront(a.place);
            }
        }
        return match(now);
    }

    @Override
    public synchronized List<Offer> rosterChanged(Roster roster, List<Centre> centres, Duration stale, Instant now) {
        Map<String, Seat> next = new LinkedHashMap<>();
        int order = 0;
        for (Agent a : roster.agents()) {
            Seat s = seats.get(a.id());
            if (s == null) {
                s = new Seat(a, order, now);
            } else {
                // Back in the roster before their last call ended: listed again, still signed out.
                s.signedOut = false;
                s.agent = a;
                s.order = order;
            }
            next.put(a.id(), s);
            order++;
        }
        for (Seat s : seats.values()) {
            if (!next.containsKey(s.agent.id()) && s.activity != Activity.IDLE) {
                // Removed with a call offered or taken: the call runs to its end, then the seat goes.
                s.signedOut = true;
                s.presence = Presence.OFFLINE;
                s.presenceSince = now;
                s.order = order++;
                next.put(s.agent.id(), s);
            }
        }
        seats = next;
        queues(centres);
        this.stale = stale;
        return match(now);
    }

    /** Ends an offer whose caller is done or gone; the agent is idle (since now if they talked). */
    private List<Offer> end(Active a, Instant now, boolean talked) {
        Seat s = seats.get(a.offer.agentId());
        remove(a);
        if (talked) {
            s.idleSince = now;
        }
        return match(now);
    }

    private void remove(Active a) {
        offers.remove(a.offer.id());
        offerByCall.remove(a.offer.callId());
        Seat s = seats.get(a.offer.agentId());
        s.activity = Activity.IDLE;
        s.callId = null;
        if (s.signedOut) {
            seats.remove(s.agent.id());
        }
    }

    private void backToFront(Place p) {
        if (!p.gone) {
            p.front = true;
            line.add(0, p);
        }
    }

    private List<Offer> match(Instant now) {
        List<Offer> made = new ArrayList<>();
        // A queue with no eligible agent stays so for the rest of this pass (agents only get taken).
        Set<String> noAgent = new HashSet<>();
        for (Iterator<Place> it = line.iterator(); it.hasNext(); ) {
            Place p = it.next();
            String[] target = queues.get(p.caller.queue());
            if (target == null || noAgent.contains(p.caller.queue()) || (p.notBefore != null && p.notBefore.isAfter(now))) {
                continue;
            }
            Optional<Seat> best = seats.values().stream()
                    .filter(s -> !s.signedOut && s.presence == Presence.AVAILABLE && s.activity == Activity.IDLE)
                    .filter(s -> s.agent.takes(target[0], target[1]))
                    .min(Comparator.comparing((Seat s) -> s.idleSince).thenComparingInt(s -> s.order));
            if (best.isEmpty()) {
                noAgent.add(p.caller.queue());
                continue;
            }
            it.remove();
            Seat s = best.get();
            Offer o = new Offer(newId(), p.caller, s.agent.id(), ++p.attempts, now);
            s.activity = Activity.OFFERED;
            s.callId = p.caller.callId();
            p.notBefore = null;
            offers.put(o.id(), new Active(o, p));
            offerByCall.put(o.callId(), o.id());
            made.add(o);
        }
        return made;
    }

    private static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** An agent's mutable state, guarded by the store's lock. */
    private static final class Seat {
        Agent agent;
        int order;
        /** Removed from the roster while a call was offered or taken: kept until that call ends. */
        boolean signedOut;
        Presence presence = Presence.OFFLINE;
        Instant presenceSince;
        Activity activity = Activity.IDLE;
        String callId;
        Instant idleSince;

        Seat(Agent agent, int order, Instant start) {
            this.agent = agent;
            this.order = order;
            this.presenceSince = start;
            this.idleSince = start;
        }

        AgentState snapshot() {
            return new AgentState(agent.id(), presence, presenceSince, activity, Optional.ofNullable(callId), idleSince);
        }
    }

    /** A caller's place in line, kept across offers. */
    private static final class Place {
        final WaitingCaller caller;
        boolean front;
        boolean gone;
        Instant notBefore;
        int attempts;

        Place(WaitingCaller caller) {
            this.caller = caller;
        }
    }

    /** An offer in progress. */
    private static final class Active {
        final Offer offer;
        final Place place;
        boolean answered;
        boolean taken;

        Active(Offer offer, Place place) {
            this.offer = offer;
            this.place = place;
        }
    }
}
