package org.aiguilleur.twilio;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.flow.Event;
import org.aiguilleur.server.LiveConfig;

/**
 * The live Twilio calls of this server instance: a bounded in-memory cache in front of the call
 * tokens. A callback whose token matches the cached call continues it; any other (after a restart,
 * on another instance, a retried request) rebuilds the call by replaying the token's events through
 * a new session of the current configuration, at the times they first happened.
 */
final class TwilioCalls {
    private final LiveConfig live;
    private final TwilioCall.Reporters reporters;
    private final Cache<String, TwilioCall> calls;
    /** Calls whose final status came: late callbacks (a queue result after the hang-up) just hang up. */
    private final Cache<String, Boolean> ended;

    TwilioCalls(LiveConfig live, TwilioCall.Reporters reporters, int maxCalls) {
        this.live = live;
        this.reporters = reporters;
        // Queue waits and transfers can last hours; a call idle longer than this is over.
        // Cache upkeep runs on the webhook's own thread (a few hundred nanoseconds, amortised) rather than
        // waking a ForkJoinPool thread for it: on a small box the wake-ups cost more than the upkeep.
        this.calls = Caffeine.newBuilder().maximumSize(maxCalls).expireAfterAccess(Duration.ofHours(6))
                .executor(Runnable::run).build();
        this.ended = Caffeine.newBuilder().maximumSize(10L * maxCalls).expireAfterWrite(Duration.ofHours(1))
                .executor(Runnable::run).build();
    }

    /** A new call: a session of the current engine, begun now. */
    Started start(CallStart start) {
        // Tokens keep milliseconds: a rebuilt call starts at exactly the same instant.
        Instant now = live.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Engine engine = live.engine();
        TwilioCall call = new TwilioCall(start, now, engine.newCall(start), null, reporters);
        List<Action> turn = call.begin();
        calls.put(start.callId(), call);
        return new Started(call, turn);
    }

    /** The call and the first turn. */
    record Started(TwilioCall call, List<Action> turn) {
    }

    /** A turn and the token for its callback URLs. */
    record Turn(List<Action> actions, String token) {
    }

    /**
     * Feeds {@code event} to the call in the state {@code token} describes. A request for an older
     * state than the cached call's (Twilio retried it, or sent it twice) is answered as it was then,
     * from a private quiet rebuild, so nothing is reported twice and the live call is untouched.
     *
     * @throws IllegalArgumentException when the token is not one of ours
     */
    Turn next(CallStart start, String token, Event event) {
        TwilioCall call = calls.getIfPresent(start.callId());
        // A call in memory has not ended (its hang-up takes it out); only an absent one may have.
        if (call == null && ended.getIfPresent(start.callId()) != null) {
            return new Turn(List.of(), token);
        }
        if (call == null || !call.token().equals(token)) {
            // Not the cached call's latest state: only now is the token's text needed.
            String plain = CallToken.decode(token);
            call = calls.asMap().compute(start.callId(), (sid, cached) ->
                    cached != null && (cached.token().equals(token) || cached.isAheadOf(plain))
                            ? cached : replay(start, token, reporters));
        }
        Instant now = now();
        synchronized (call) {
            if (call.ended()) {
                // The hang-up came while this callback was on its way.
                return new Turn(List.of(), token);
            }
            if (call.token().equals(token)) {
                List<Action> turn = call.handle(event, now);
                return new Turn(turn, call.token());
            }
        }
        TwilioCall old = replay(start, token, null);
        return new Turn(old.handle(event, now), old.token());
    }

    /** Agent delivery took the caller out of the queue to ring an agent (the caller queue hears it). */
    void handedOff(String callSid) {
        Optional.ofNullable(calls.getIfPresent(callSid)).ifPresent(c -> c.handedOff(now()));
    }

    /** An agent took the caller: the call's record says answered, by whom and when. */
    void agentAnswered(org.aiguilleur.agents.WaitingCaller caller, String agentId, Instant at) {
        TwilioCall call = calls.getIfPresent(caller.callId());
        if (call != null) {
            call.agentAnswered(agentId, at);
        } else {
            // Another instance runs the call (or it left memory): the record still learns it.
            reporters.events().emit(new org.aiguilleur.records.CallEvent.QueueLeft(caller.callId(), at, caller.queue(),
                    Event.QueueStatus.ANSWERED, Optional.of(agentId)));
        }
    }

    /** The interpreter bridge's agent leg joined the caller's conference: answered, if nobody said so yet. */
    void agentJoined(String callSid) {
        Optional.ofNullable(calls.getIfPresent(callSid)).ifPresent(c -> c.agentJoined(now()));
    }

    /** The door started the bridge for this interpreted caller: they wait in their conference. */
    void bridgeStarted(String callSid) {
        Optional.ofNullable(calls.getIfPresent(callSid)).ifPresent(TwilioCall::bridgeStarted);
    }

    /** The door did not bridge this interpreted caller after all: they wait in the interpreter queue. */
    void notBridged(String callSid) {
        Optional.ofNullable(calls.getIfPresent(callSid)).ifPresent(TwilioCall::notBridged);
    }

    /**
     * The caller is back in {@code queue} (an agent did not take the call).
     *
     * @return the call's token, when this instance has the call
     */
    Optional<String> waitingAgain(String callSid, String queue) {
        Optional<TwilioCall> call = Optional.ofNullable(calls.getIfPresent(callSid));
        call.ifPresent(c -> c.waitingAgain(queue));
        return call.map(TwilioCall::token);
    }

    /**
     * The call's final status came: the engine hears the hang-up and the call leaves memory.
     *
     * @return whether this instance had the call (else the caller must report the end itself)
     */
    boolean hangUp(String callSid) {
        if (ended.asMap().putIfAbsent(callSid, Boolean.TRUE) != null) {
            return true;
        }
        TwilioCall call = calls.asMap().remove(callSid);
        if (call != null) {
            call.hangUp(now());
        }
        return call != null;
    }

    /**
     * How many events this instance's copy of the live call took, or -1 when it holds none (or the
     * call ended here). Callbacks move between instances: each rebuilds the call from the callback's
     * token, so an instance may hold an older copy than another's.
     */
    int heldEvents(String callSid) {
        TwilioCall call = calls.getIfPresent(callSid);
        return call == null || ended.getIfPresent(callSid) != null ? -1 : call.eventCount();
    }

    /** Another instance's copy of the call heard its hang-up: this one's is dropped, quietly. */
    void forget(String callSid) {
        ended.put(callSid, Boolean.TRUE);
        TwilioCall call = calls.asMap().remove(callSid);
        if (call != null) {
            call.goLive(null); // a callback already inside it reports nothing more
        }
    }

    /**
     * The call's final status reached another instance ({@link SharedHangUps}): when this one holds the
     * call, its engine hears the hang-up at {@code at}, when it happened, and the call leaves memory.
     *
     * @return false when this instance does not hold the call (nothing is changed)
     */
    boolean hangUpIfHeld(String callSid, Instant at) {
        if (calls.getIfPresent(callSid) == null) {
            return false;
        }
        // As hangUp: ended first, so that a callback on its way never rebuilds the call meanwhile.
        boolean first = ended.asMap().putIfAbsent(callSid, Boolean.TRUE) == null;
        TwilioCall call = calls.asMap().remove(callSid);
        if (first && call != null) {
            call.hangUp(at);
        }
        return call != null || !first;
    }

    java.time.InstantSource clock() {
        return live.clock();
    }

    Instant now() {
        return live.clock().instant();
    }

    private TwilioCall replay(CallStart start, String token, TwilioCall.Reporters then) {
        CallToken.State state = CallToken.parse(token);
        ReplayClock clock = new ReplayClock(state.startedAt());
        Engine engine = live.config().engine(clock, live.staffing());
        TwilioCall call = new TwilioCall(start, state.startedAt(), engine.newCall(start), clock, null);
        call.begin();
        for (CallToken.Timed t : state.events()) {
            call.handle(t.event(), t.at());
        }
        call.goLive(then);
        return call;
    }
}
