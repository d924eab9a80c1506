package org.aiguilleur.agi;

import static org.aiguilleur.testing.FakeCaller.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.flow.Event;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.testing.FakeAsterisk.Call;
import org.aiguilleur.testing.FakeAsterisk.Env;
import org.aiguilleur.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a queued call left its queue, told by the dialplan's {@code h} extension
 * ({@code 211/call-ended,${MEMBERNAME},${QEHOLDTIME},${MEMBERINTERFACE}}): answered by a member after
 * that wait, or abandoned; and the longest wait the server gives {@code Queue()}.
 */
class AgiQueueEndTest {
    static final TestClock CLOCK = new TestClock(AgiJourneyTest.OPEN);
    static RunningDoor door;

    @BeforeAll
    static void start() throws Exception {
        door = RunningDoor.on(CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        door.close();
    }

    /** The {@code h} extension's AGI on the call's channel, with the variables Queue() left. */
    static Call ended(Env first, String... args) {
        Env env = Env.standard().set("agi_uniqueid", first.uniqueId()).script("211/call-ended");
        for (int i = 0; i < args.length; i++) {
            env.set("agi_arg_" + (i + 1), args[i]);
        }
        return door.asterisk().call(env, caller());
    }

    static List<CallEvent.QueueLeft> queueLeft(Env env) {
        return door.events.stream().filter(e -> e instanceof CallEvent.QueueLeft q && q.callId().equals(env.uniqueId()))
                .map(e -> (CallEvent.QueueLeft) e).toList();
    }

    static Instant ivrEnded(Env env) {
        return door.events.stream().filter(e -> e instanceof CallEvent.IvrEnded i && i.callId().equals(env.uniqueId()))
                .map(CallEvent::at).findFirst().orElseThrow();
    }

    @Test
    void queuedCall_getsTheMaximumWaitAsQueuesTimeout() {
        Env env = Env.standard().callerId(AgiJourneyTest.MONTREAL);
        Call call = door.asterisk().call(env, caller().press("1").press("1"));
        assertEquals("queued", call.variable("AIGUILLEUR_OUTCOME"));
        assertEquals("900", call.variable("AIGUILLEUR_QUEUE_TIMEOUT"), "asterisk.queues.max-wait: 15m");
    }

    @Test
    void memberAnswered_isReportedWithTheAgent_afterItsWait_andHandleTimeRunsToTheEnd() {
        Env env = Env.standard().callerId(AgiJourneyTest.MONTREAL);
        door.asterisk().call(env, caller().press("1").press("1"));
        Instant handedOver = ivrEnded(env);
        CLOCK.advance(Duration.ofSeconds(42 + 300));
        ended(env, "agent-7", "42", "PJSIP/agent-7");
        List<CallEvent.QueueLeft> left = queueLeft(env);
        assertEquals(1, left.size(), left.toString());
        CallEvent.QueueLeft q = left.get(0);
        assertEquals(Event.QueueStatus.ANSWERED, q.status());
        assertEquals(Optional.of("agent-7"), q.agent());
        assertEquals("grand-montreal-fr", q.queue());
        assertEquals(handedOver.plusSeconds(42), q.at(), "answered 42 s after the hand-over");
        CallEvent ended = door.events.stream().filter(e -> e instanceof CallEvent.CallEnded c
                && c.callId().equals(env.uniqueId())).findFirst().orElseThrow();
        assertEquals(Duration.ofSeconds(300), Duration.between(q.at(), ended.at()), "the handle time");
    }

    @Test
    void memberWithoutAName_isReportedByItsInterface() {
        Env env = Env.standard().callerId(AgiJourneyTest.MONTREAL);
        door.asterisk().call(env, caller().press("1").press("1"));
        ended(env, "", "5", "PJSIP/desk-3");
        assertEquals(Optional.of("PJSIP/desk-3"), queueLeft(env).get(0).agent());
    }

    @Test
    void callerHungUpWhileWaiting_isAbandonedInTheQueue_atTheHangup() {
        Env env = Env.standard().callerId(AgiJourneyTest.QUEBEC_CITY);
        door.asterisk().call(env, caller().press("1").press("1"));
        CLOCK.advance(Duration.ofSeconds(70));
        Instant hungUp = CLOCK.instant();
        ended(env, "", "", "");
        List<CallEvent.QueueLeft> left = queueLeft(env);
        assertEquals(1, left.size(), left.toString());
        assertEquals(Event.QueueStatus.ABANDONED, left.get(0).status());
        assertEquals(Optional.empty(), left.get(0).agent());
        assertEquals("quebec-regions-fr", left.get(0).queue());
        assertEquals(hungUp, left.get(0).at());
    }

    @Test
    void afterAnOverflow_theWaitCountsFromTheLastHandOver() {
        Env env = Env.standard().callerId(AgiJourneyTest.QUEBEC_CITY);
        door.asterisk().call(env, caller().press("1").press("1"));
        CLOCK.advance(Duration.ofSeconds(900));
        Call next = AgiResumeTest.resume(door, env, "211/queue-ended", "TIMEOUT", caller());
        assertEquals("grand-montreal-fr", next.variable("AIGUILLEUR_QUEUE"));
        assertEquals("900", next.variable("AIGUILLEUR_QUEUE_TIMEOUT"));
        Instant secondHandOver = CLOCK.instant();
        CLOCK.advance(Duration.ofSeconds(200));
        ended(env, "agent-2", "30", "PJSIP/agent-2");
        List<CallEvent.QueueLeft> left = queueLeft(env);
        assertEquals(List.of(Event.QueueStatus.TIMEOUT, Event.QueueStatus.ANSWERED),
                left.stream().map(CallEvent.QueueLeft::status).toList());
        assertEquals("grand-montreal-fr", left.get(1).queue());
        assertEquals(secondHandOver.plusSeconds(30), left.get(1).at());
    }

    @Test
    void transferredCall_leavesNoQueueRecord_andAfterHoursGetsNoTimeout() {
        Env env = Env.standard().callerId(AgiJourneyTest.MONTREAL);
        Call t = door.asterisk().call(env, caller().press("1").press("8"));
        assertEquals("transferred", t.variable("AIGUILLEUR_OUTCOME"));
        assertEquals("", t.variable("AIGUILLEUR_QUEUE_TIMEOUT"));
        ended(env, "", "", "");
        assertTrue(queueLeft(env).isEmpty(), queueLeft(env).toString());
        assertTrue(door.events.stream().anyMatch(e -> e instanceof CallEvent.CallEnded c && c.callId().equals(env.uniqueId())));
    }
}
