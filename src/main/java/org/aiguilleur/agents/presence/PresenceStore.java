package org.aiguilleur.agents.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.routing.Centre;

/**
 * Agents' presence, the line of waiting callers, and the matching between them, as one consistent
 * store. Every change that can free an agent or add a caller returns the new {@link Offer}s it made, so
 * that matching happens inside the same atomic step as the change (a shared implementation does it in
 * one database transaction, or leaves it to Twilio TaskRouter).
 *
 * <p>The rule: an agent can take a caller when they are available, idle, at the queue's centre and
 * speak the queue's language. The first eligible caller in line (callers put back at the front first,
 * then the longest waiting) is offered to the longest-idle eligible agent (ties: roster order).
 *
 * <p>Implementations are thread-safe. Methods never block on the network for long and never throw for
 * unknown calls or offers (they return empty results): webhooks arrive late, twice, or after a restart.
 */
public interface PresenceStore {

    /**
     * Whether every method works in memory only and returns at once (no database, no network), so a
     * door may call it on its I/O thread. By default no: a shared store waits for its database.
     */
    default boolean immediate() {
        return false;
    }

    /** An agent's state, empty for an agent not in the roster. */
    Optional<AgentState> state(String agentId);

    /** Every agent's state, in roster order. */
    List<AgentState> states();

    /** The callers waiting (not being offered), in the order they will be offered. */
    List<WaitingCaller> waiting();

    /** The offer with this id while it is in progress. */
    Optional<Offer> offer(String offerId);

    /**
     * Sets an agent's presence. Becoming available (from away or offline) makes them idle since now.
     *
     * @return the offers made, empty when the agent is unknown
     */
    Optional<List<Offer>> setPresence(String agentId, Presence presence, Instant now);

    /** A caller starts waiting; a caller already known (waiting or being offered) is left as is. */
    List<Offer> callerWaiting(WaitingCaller caller, Instant now);

    /**
     * The door says the caller left: a waiting caller is forgotten, a taken call is finished. A caller
     * being offered is only marked gone (a redirect to the agent can look like leaving the queue): the
     * offer's own outcome, or {@link #tick} once it is stale, ends it without putting them back in line.
     */
    List<Offer> callerLeft(String callId, Instant now);

    /** The caller hung up while being offered: forgotten; the agent is idle again as if never offered. */
    List<Offer> abandoned(String offerId, Instant now);

    /** The agent answered (they hear the whisper). Returns false for an offer no longer in progress. */
    boolean answered(String offerId, Instant now);

    /** The agent took the call (pressed the accept key, or answered when no key is needed). */
    boolean taken(String offerId, Instant now);

    /** Whether the agent took this offer's call. */
    boolean isTaken(String offerId);

    /** The conversation ended: the caller is done, the agent idle since now. */
    List<Offer> finished(String offerId, Instant now);

    /**
     * The agent did not take the call (no answer, busy, declined) and the caller is still on the line:
     * the caller goes back to the front of the line (even if the door said they left meanwhile), the
     * agent is set away.
     */
    List<Offer> notTaken(String offerId, Instant now);

    /**
     * The call could not be moved to the agent (Twilio's REST API failed): the caller goes back to the
     * front of the line but is not offered again before {@code retryAt}; the agent is idle again as if
     * never offered.
     */
    List<Offer> failed(String offerId, Instant retryAt, Instant now);

    /**
     * Offers due now (a caller's retry time passed), and offers abandoned for longer than {@code stale}
     * (no callback came) are ended: their caller goes back to the front, the agent is idle.
     */
    List<Offer> tick(Instant now);

    /**
     * The roster changed (a configuration reload). Agents still listed keep their presence, idle time
     * and any call in progress; their new centre and languages count from the next match. New agents
     * start offline. Agents no longer listed are signed out at once: no state, no presence, never
     * offered a caller again; a call already offered to or taken by one of them runs to its normal end
     * (answered, missed, finished), after which nothing of them is left. Waiting callers keep their
     * places (a caller of a queue no longer configured waits, unmatched, for the door).
     *
     * @param centres the centres now configured, whose queues callers wait in
     * @param stale   the new stale time of offers (see {@link #tick})
     * @return the offers made (an available agent may now take a waiting caller)
     */
    List<Offer> rosterChanged(Roster roster, List<Centre> centres, Duration stale, Instant now);
}
