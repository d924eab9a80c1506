package org.aiguilleur.twilio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.CallSession;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Event;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;

/**
 * One Twilio call in memory: its engine session, the events it took (for the callback token), and
 * whether the caller waits in a queue. Reports to the records and the caller queue only when live,
 * never while a call is being rebuilt from its token. One request at a time per call (synchronized).
 */
final class TwilioCall {
    /**
     * Where a live call reports; {@code null} while replaying. {@code bridging} says how the
     * interpreter bridge takes a caller the engine sends to an interpreter, so that the caller queue
     * hears the right thing at once (never "waiting in the queue" for a caller the bridge takes).
     */
    record Reporters(CallEvents events, CallerQueue queue, Bridging bridging) {
        Reporters(CallEvents events, CallerQueue queue) {
            this(events, queue, (callId, q) -> Bridged.NO);
        }
    }

    /** How an interpreted caller waits. */
    enum Bridged {
        /** In the interpreter queue, like any queued caller (no bridge for them). */
        NO,
        /** In their conference, waiting for an agent that agent delivery calls into it. */
        FOR_DELIVERY,
        /** In their conference, the agent being the configured number the bridge calls itself. */
        WITH_NUMBER
    }

    /** Decides how the bridge takes an interpreted caller of {@code queue}. */
    @FunctionalInterface
    interface Bridging {
        Bridged of(String callId, String queue);
    }

    private final CallStart start;
    private final Instant startedAt;
    private final CallSession session;
    private final ReplayClock clock;
    private final List<String> events = new ArrayList<>();
    private Reporters reporters;
    private String waitingIn;
    /** How the bridge takes the caller of the last interpreted turn. */
    private Bridged bridged = Bridged.NO;
    /** That caller, until the door says whether it bridged them ({@link #bridgeStarted}, {@link #notBridged}). */
    private WaitingCaller pending;
    /** The queue agent delivery took the caller from to ring an agent, until one takes the call. */
    private String offeredFrom;
    private String plain;
    private String token;
    private boolean ended;

    /**
     * @param clock the session engine's clock when the call is rebuilt (set to each event's time), else null
     */
    TwilioCall(CallStart start, Instant startedAt, CallSession session, ReplayClock clock, Reporters reporters) {
        this.start = start;
        this.startedAt = startedAt;
        this.session = session;
        this.clock = clock;
        this.reporters = reporters;
        this.plain = CallToken.plain(startedAt, events);
        this.token = CallToken.encode(plain);
    }

    synchronized List<Action> begin() {
        if (clock != null) {
            clock.set(startedAt);
        }
        List<Action> turn = session.begin();
        after(turn, false, startedAt);
        return turn;
    }

    /** Feeds one event; {@code at} is when it reached the server (recorded for replays). */
    synchronized List<Action> handle(Event event, Instant at) {
        if (clock != null) {
            clock.set(at);
        }
        boolean finished = session.finished();
        if (event instanceof Event.QueueEnded q) {
            leftQueue(q.status(), at);
        }
        if (!(event instanceof Event.Hangup)) {
            events.add(CallToken.event(startedAt, new CallToken.Timed(event, at)));
            plain = CallToken.plain(startedAt, events);
            token = CallToken.encode(plain);
        }
        List<Action> turn = session.handle(event);
        after(turn, finished, at);
        return turn;
    }

    /** The caller hung up (status callback): the engine hears it, the queue lets go, the call ends. */
    synchronized void hangUp(Instant at) {
        if (ended) {
            return;
        }
        if (waitingIn != null) {
            leftQueue(Event.QueueStatus.ABANDONED, at);
        } else if (offeredFrom != null && reporters != null) {
            // Hung up while an agent's phone rang: abandoned in the queue all the same.
            reporters.queue().left(start.callId());
            reporters.events().emit(new CallEvent.QueueLeft(start.callId(), at, offeredFrom,
                    Event.QueueStatus.ABANDONED, Optional.empty()));
            offeredFrom = null;
        } else if (reporters != null && bridged != Bridged.WITH_NUMBER) {
            // With an agent (or being offered to one): the agents' side learns the call is over.
            reporters.queue().left(start.callId());
        }
        handle(new Event.Hangup(), at);
        ended = true;
        if (reporters != null) {
            reporters.events().emit(new CallEvent.CallEnded(start.callId(), at));
        }
    }

    /**
     * Agent delivery took the caller out of the queue to ring an agent; the engine is not told, and
     * the records not yet: the agent may not answer ({@link #agentAnswered} says when one does).
     */
    synchronized void handedOff(Instant at) {
        if (waitingIn == null) {
            return;
        }
        if (reporters != null) {
            reporters.queue().left(start.callId());
        }
        offeredFrom = waitingIn;
        waitingIn = null;
    }

    /** An agent took the call: answered, from the queue the caller waited in (once; later calls do nothing). */
    synchronized void agentAnswered(String agentId, Instant at) {
        answered(Optional.of(agentId), at);
    }

    /**
     * The bridge's agent leg joined the caller's conference: answered (once), by the agent delivery
     * chose if it said so first, else by the queue's configured number (no agent id).
     */
    synchronized void agentJoined(Instant at) {
        answered(Optional.empty(), at);
    }

    /**
     * The door started the bridge for the interpreted caller of the last turn: with agent delivery,
     * the caller queue now hears that they wait for an agent in their conference (the conference
     * exists by then, so an offer made at once can call the agent into it). Once; else nothing.
     */
    synchronized void bridgeStarted() {
        if (pending != null && bridged == Bridged.FOR_DELIVERY && waitingIn != null && reporters != null) {
            reporters.queue().waiting(pending);
        }
        pending = null;
    }

    /**
     * The door did not bridge the interpreted caller after all (the bridge failed to start, or a reload
     * switched it off meanwhile): they join the interpreter queue, and the caller queue hears so.
     */
    synchronized void notBridged() {
        if (pending != null && waitingIn != null && reporters != null) {
            WaitingCaller w = pending;
            reporters.queue().waiting(new WaitingCaller(w.callId(), w.queue(), w.language(), w.region(), w.need(),
                    w.interpreterLanguage(), w.since(), false));
        }
        pending = null;
        bridged = Bridged.NO;
    }

    private void answered(Optional<String> agentId, Instant at) {
        String queue = offeredFrom != null ? offeredFrom : waitingIn;
        if (queue == null || ended) {
            return;
        }
        if (reporters != null) {
            reporters.events().emit(new CallEvent.QueueLeft(start.callId(), at, queue, Event.QueueStatus.ANSWERED, agentId));
        }
        offeredFrom = null;
        waitingIn = null;
    }

    /** Agent delivery put the caller back in {@code queue}; it already knows, so nothing is reported. */
    synchronized void waitingAgain(String queue) {
        waitingIn = queue;
        offeredFrom = null;
    }

    /** From now on the call reports (it was rebuilt quietly). */
    synchronized void goLive(Reporters r) {
        this.reporters = r;
    }

    /** The token for the next callback URL: the events so far. */
    synchronized String token() {
        return token;
    }

    /** Whether this call has taken more events than the state {@code olderPlain} describes. */
    synchronized boolean isAheadOf(String olderPlain) {
        return plain.startsWith(olderPlain + ".");
    }

    /** How many events the call took: of two copies of one call, the one that took more is the newer. */
    synchronized int eventCount() {
        return events.size();
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized CallResult result() {
        return session.result();
    }

    /** The queue the caller waits in, if any. */
    synchronized Optional<String> waitingIn() {
        return Optional.ofNullable(waitingIn);
    }

    CallStart start() {
        return start;
    }

    private void after(List<Action> turn, boolean wasFinished, Instant at) {
        for (Action a : turn) {
            if (a instanceof Action.Enqueue q) {
                bridged = Bridged.NO;
                pending = null;
                waiting(q.queue(), q.language(), "", false, at);
            } else if (a instanceof Action.BridgeInterpreter b) {
                bridged = reporters == null ? Bridged.NO : reporters.bridging().of(start.callId(), b.queue());
                // In the bridge's conference the caller never waits in the Twilio queue: with agent
                // delivery they wait for an agent called into the conference, reported once the door
                // started the bridge; with a configured number the bridge calls the agent itself and
                // agent delivery never hears of them.
                waiting(b.queue(), session.result().language().orElse("und"), b.language(),
                        bridged == Bridged.FOR_DELIVERY, at);
            }
        }
        if (!wasFinished && session.finished() && reporters != null) {
            reporters.events().emit(new CallEvent.IvrEnded(start.callId(), at, start, startedAt, session.result()));
        }
    }

    private void waiting(String queue, String language, String interpreter, boolean conference, Instant at) {
        waitingIn = queue;
        if (reporters != null) {
            CallResult r = session.result();
            WaitingCaller w = new WaitingCaller(start.callId(), queue, language,
                    r.region().orElse("unknown"), r.need().orElse(""), interpreter, at, conference);
            if (!interpreter.isEmpty() && bridged != Bridged.NO) {
                pending = w;
            } else {
                reporters.queue().waiting(w);
            }
        }
    }

    private void leftQueue(Event.QueueStatus status, Instant at) {
        if (waitingIn == null) {
            return;
        }
        if (reporters != null) {
            if (bridged != Bridged.WITH_NUMBER) { // agent delivery never heard of a caller the bridge's number takes
                reporters.queue().left(start.callId());
            }
            reporters.events().emit(new CallEvent.QueueLeft(start.callId(), at, waitingIn, status, Optional.empty()));
        }
        waitingIn = null;
    }
}
