package org.aiguilleur.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Event;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;

/** Builds the call events a front door emits, for the records tests. */
public final class CallEventsFixture {
    private CallEventsFixture() {
    }

    /** What the engine decided, with only the fields records use. */
    public static CallResult result(Outcome outcome, String queue, String language, String region, String need) {
        return new CallResult(Optional.ofNullable(outcome), Optional.ofNullable(queue), Optional.ofNullable(language),
                Optional.ofNullable(region), Optional.of("number"), Optional.ofNullable(need), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of("language=1", "need=1"), List.of(), Optional.empty(), Optional.empty());
    }

    /** An after-hours result with a call-back message at {@code recording}. */
    public static CallResult callback(String language, String region, String need, String recording) {
        return new CallResult(Optional.of(Outcome.AFTER_HOURS), Optional.empty(), Optional.of(language),
                Optional.of(region), Optional.of("number"), Optional.ofNullable(need), Optional.empty(),
                Optional.empty(), Optional.of(true), Optional.of(recording), Optional.of("hours"),
                List.of("language=1", "after-hours=1", "record=12s"), List.of(), Optional.empty(), Optional.empty());
    }

    /** A transfer to 811. */
    public static CallResult transfer(String language, String region) {
        return new CallResult(Optional.of(Outcome.TRANSFERRED), Optional.empty(), Optional.of(language),
                Optional.of(region), Optional.of("number"), Optional.of("health-social"), Optional.empty(),
                Optional.of("811"), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of("language=1", "need=8"), List.of(), Optional.empty(), Optional.empty());
    }

    /** An interpreter result. */
    public static CallResult interpreter(String queue, String interpreterLanguage, String region, String need) {
        return new CallResult(Optional.of(Outcome.INTERPRETER), Optional.of(queue), Optional.of(interpreterLanguage),
                Optional.of(region), Optional.of("number"), Optional.of(need), Optional.of(interpreterLanguage),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of("language=9", "other-languages=speech", "need=1"), List.of(), Optional.empty(), Optional.empty());
    }

    public static CallEvent.IvrEnded ivrEnded(String callId, String callerId, Instant startedAt, Duration inIvr,
                                              CallResult result) {
        return new CallEvent.IvrEnded(callId, startedAt.plus(inIvr), new CallStart(callId, "twilio", callerId, "211"),
                startedAt, result);
    }

    public static CallEvent.QueueLeft answered(String callId, Instant at, String queue, String agent) {
        return new CallEvent.QueueLeft(callId, at, queue, Event.QueueStatus.ANSWERED, Optional.of(agent));
    }

    public static CallEvent.QueueLeft abandoned(String callId, Instant at, String queue) {
        return new CallEvent.QueueLeft(callId, at, queue, Event.QueueStatus.ABANDONED, Optional.empty());
    }

    public static CallEvent.InterpreterAttempt interpreted(String callId, Instant at, String language,
                                                           Duration connect, Duration minutes) {
        return new CallEvent.InterpreterAttempt(callId, at, "languageline", language, Optional.of(connect), minutes,
                "connected");
    }

    public static CallEvent.CallEnded ended(String callId, Instant at) {
        return new CallEvent.CallEnded(callId, at);
    }
}
