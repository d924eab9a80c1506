package org.aiguilleur.interpreter;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.interpreter.BridgeCommand.DeliverAgent;
import org.aiguilleur.interpreter.BridgeCommand.DialInterpreter;
import org.aiguilleur.interpreter.BridgeCommand.EndConference;
import org.aiguilleur.interpreter.BridgeCommand.HangUpInterpreter;
import org.aiguilleur.interpreter.BridgeCommand.PlayToCaller;
import org.aiguilleur.interpreter.BridgeCommand.StartTimer;
import org.aiguilleur.languages.LanguageCatalogue;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallEvents;

/**
 * One interpreted call: the caller waits in a conference, an agent is brought in, and interpreter
 * services are dialled in order until one joins. Fed {@link BridgeEvent}s, it answers the
 * {@link BridgeCommand}s to carry out.
 *
 * <ul>
 *   <li>An attempt that fails, or is not in the conference when its timer fires, is hung up and the
 *       next attempt is dialled (the same provider again, then the backup).</li>
 *   <li>When every attempt has failed the caller hears an apology in their language and stays with
 *       the agent: the call is never dropped for want of an interpreter.</li>
 *   <li>The caller or the agent leaving ends the conference and releases the interpreter (no
 *       interpreter is paid to wait for nobody). The interpreter leaving leaves caller and agent together.</li>
 * </ul>
 *
 * <p>Every attempt is reported once, when it ends, as an {@link CallEvent.InterpreterAttempt} with
 * its connect time and interpreted time. Events may come from several threads (REST callbacks, AMI
 * events, timers): the methods are synchronized, and commands should be carried out in order.
 */
public final class InterpreterCall {

    /** Where the call stands. */
    public enum State {
        /** Not started. */
        NEW,
        /** An attempt is ringing or connecting. */
        CONNECTING,
        /** An interpreter is in the conference. */
        INTERPRETED,
        /** No interpreter could be reached; caller and agent go on without one. */
        NO_INTERPRETER,
        /** The interpreter has left; caller and agent go on. */
        INTERPRETER_LEFT,
        /** The conference is over. */
        ENDED
    }

    private final String callId;
    private final String queue;
    private final String language;
    private final List<Dial> plan;
    private final BridgePrompts prompts;
    private final InstantSource clock;
    private final CallEvents events;

    private State state = State.NEW;
    private int current; // index in plan of the attempt in progress
    private Instant dialedAt;
    private Instant joinedAt;
    private boolean agentPresent;

    InterpreterCall(String callId, String queue, String language, List<Dial> plan, BridgePrompts prompts,
                    InstantSource clock, CallEvents events) {
        this.callId = callId;
        this.queue = queue;
        this.language = LanguageCatalogue.primary(language);
        this.plan = List.copyOf(plan);
        this.prompts = prompts;
        this.clock = clock;
        this.events = events;
    }

    /** Dials the first interpreter, brings in the agent and tells the caller to wait. */
    public synchronized List<BridgeCommand> start() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        List<BridgeCommand> out = new ArrayList<>();
        if (plan.isEmpty()) {
            state = State.NO_INTERPRETER;
            out.add(new DeliverAgent(queue, language, prompts.whisper(language)));
            out.add(new PlayToCaller(prompts.forCaller(BridgePrompts.UNAVAILABLE, language), false));
            return out;
        }
        state = State.CONNECTING;
        // Dial first: the provider's ring and menu are the longest part of the wait.
        dial(0, out);
        out.add(new DeliverAgent(queue, language, prompts.whisper(language)));
        out.add(new PlayToCaller(prompts.forCaller(BridgePrompts.CONNECTING, language), true));
        return out;
    }

    /** Takes one event; returns what to do now (often nothing). */
    public synchronized List<BridgeCommand> on(BridgeEvent event) {
        List<BridgeCommand> out = new ArrayList<>();
        if (event instanceof BridgeEvent.LegAnswered a) {
            answered(a.attempt(), out);
        } else if (event instanceof BridgeEvent.LegFailed f) {
            if (isCurrent(f.attempt()) && state == State.CONNECTING) {
                report(f.reason().outcome());
                next(out);
            }
        } else if (event instanceof BridgeEvent.TimerFired t) {
            if (isCurrent(t.attempt()) && state == State.CONNECTING) {
                out.add(new HangUpInterpreter(t.attempt()));
                report("timeout");
                next(out);
            }
        } else if (event instanceof BridgeEvent.InterpreterLeft l) {
            interpreterLeft(l.attempt(), out);
        } else if (event instanceof BridgeEvent.AgentJoined) {
            agentPresent = true;
        } else if (event instanceof BridgeEvent.AgentLeft) {
            agentPresent = false;
            end("agent-left", out);
        } else if (event instanceof BridgeEvent.CallerLeft) {
            end("caller-left", out);
        }
        return out;
    }

    public synchronized State state() {
        return state;
    }

    /** Whether the agent is in the conference. */
    public synchronized boolean agentPresent() {
        return agentPresent;
    }

    /** The tries this call makes, in order. */
    public List<Dial> plan() {
        return plan;
    }

    private void answered(int attempt, List<BridgeCommand> out) {
        if (isCurrent(attempt) && state == State.CONNECTING) {
            state = State.INTERPRETED;
            joinedAt = clock.instant();
        } else if (attempt >= 1 && attempt <= plan.size()) {
            // A leg given up (timed out, or the call is over) answered late: release it at once.
            out.add(new HangUpInterpreter(attempt));
        }
    }

    private void interpreterLeft(int attempt, List<BridgeCommand> out) {
        if (!isCurrent(attempt)) {
            return;
        }
        if (state == State.INTERPRETED) {
            report("joined");
            state = State.INTERPRETER_LEFT;
        } else if (state == State.CONNECTING) {
            // Hung up before joining: a failed attempt.
            report(BridgeEvent.Failure.FAILED.outcome());
            next(out);
        }
    }

    /** The caller or the agent left: release the interpreter and end the conference. */
    private void end(String why, List<BridgeCommand> out) {
        switch (state) {
            case CONNECTING -> {
                out.add(new HangUpInterpreter(plan.get(current).attempt()));
                report(why);
            }
            case INTERPRETED -> {
                out.add(new HangUpInterpreter(plan.get(current).attempt()));
                report("joined");
            }
            case ENDED -> {
                return;
            }
            default -> {
                // NEW, NO_INTERPRETER, INTERPRETER_LEFT: no interpreter leg to release.
            }
        }
        state = State.ENDED;
        out.add(new EndConference());
    }

    private void next(List<BridgeCommand> out) {
        if (current + 1 < plan.size()) {
            dial(current + 1, out);
        } else {
            state = State.NO_INTERPRETER;
            out.add(new PlayToCaller(prompts.forCaller(BridgePrompts.UNAVAILABLE, language), false));
        }
    }

    private void dial(int index, List<BridgeCommand> out) {
        current = index;
        Dial d = plan.get(index);
        dialedAt = clock.instant();
        joinedAt = null;
        out.add(new DialInterpreter(d));
        out.add(new StartTimer(d.attempt(), d.timeout()));
    }

    private boolean isCurrent(int attempt) {
        return state != State.NEW && !plan.isEmpty() && plan.get(current).attempt() == attempt;
    }

    /** Reports the current attempt as over. */
    private void report(String outcome) {
        Instant now = clock.instant();
        Dial d = plan.get(current);
        Optional<Duration> connect = joinedAt == null ? Optional.empty() : Optional.of(Duration.between(dialedAt, joinedAt));
        Duration interpreted = joinedAt == null ? Duration.ZERO : Duration.between(joinedAt, now);
        events.emit(new CallEvent.InterpreterAttempt(callId, now, d.provider(), language, connect, interpreted, outcome));
    }
}
