package org.aiguilleur.agi;

import static org.aiguilleur.testing.FakeCaller.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.aiguilleur.flow.Event;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.testing.FakeAsterisk.Call;
import org.aiguilleur.testing.FakeAsterisk.Env;
import org.aiguilleur.testing.FakeCaller;
import org.aiguilleur.testing.FakeCaller.MessageEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dialplan comes back when a queue gave up ({@code 211/queue-ended}) or a transfer failed
 * ({@code 211/transfer-failed}), on the same channel: the call's own session decides again.
 */
class AgiResumeTest {
    static RunningDoor door;

    @BeforeAll
    static void start() throws Exception {
        door = RunningDoor.at(AgiJourneyTest.OPEN);
    }

    @AfterAll
    static void stop() throws Exception {
        door.close();
    }

    /** The AGI the dialplan runs after Queue() or Dial(), on the call's channel (same uniqueid). */
    static Call resume(Env first, String script, String status, FakeCaller caller) {
        return resume(door, first, script, status, caller);
    }

    static Call resume(RunningDoor on, Env first, String script, String status, FakeCaller caller) {
        Env again = Env.standard().set("agi_uniqueid", first.uniqueId()).script(script).set("agi_arg_1", status);
        return on.asterisk().call(again, caller);
    }

    @Test
    void queueTimeout_overflowsToTheOtherOpenCentre() {
        Env env = Env.standard().callerId(AgiJourneyTest.QUEBEC_CITY);
        Call first = door.asterisk().call(env, caller().press("1").press("1"));
        assertEquals("quebec-regions-fr", first.variable("AIGUILLEUR_QUEUE"));
        Call next = resume(env, "211/queue-ended", "TIMEOUT", caller());
        AgiJourneyTest.assertVariables(next, "queued", "grand-montreal-fr", "fr-CA", "capitale-nationale", "housing",
                "", "", "no");
        assertTrue(next.commands.get(0).startsWith("STREAM FILE \"/snd/fr-CA/queued-"), "the caller is told again");
        assertTrue(door.events.stream().anyMatch(e -> e instanceof CallEvent.QueueLeft q && q.callId().equals(env.uniqueId())
                && q.queue().equals("quebec-regions-fr") && q.status() == Event.QueueStatus.TIMEOUT));
    }

    @Test
    void everyQueueEmpty_offersACallBack_thenTheDialplanHangsUp() {
        Env env = Env.standard().callerId(AgiJourneyTest.QUEBEC_CITY);
        door.asterisk().call(env, caller().press("1").press("1"));
        resume(env, "211/queue-ended", "FULL", caller());
        Call busy = resume(env, "211/queue-ended", "JOINEMPTY",
                caller().press("1").speak(Duration.ofSeconds(15), MessageEnd.HASH));
        AgiJourneyTest.assertVariables(busy, "after-hours", "", "fr-CA", "capitale-nationale", "housing", "", "", "yes");
        assertTrue(busy.commands.get(0).startsWith("STREAM FILE \"/snd/fr-CA/all-busy-"), busy.commands.get(0));
        assertEquals(1, busy.recordings.size());
        // The session is over: a further report finds nothing, and the dialplan's default queue takes it.
        Call after = resume(env, "211/queue-ended", "TIMEOUT", caller());
        assertEquals("", after.variable("AIGUILLEUR_OUTCOME"));
    }

    @Test
    void transferFailed_queuesWithA211Agent() {
        Env env = Env.standard().callerId(AgiJourneyTest.MONTREAL);
        Call first = door.asterisk().call(env, caller().press("1").press("8"));
        assertEquals("transferred", first.variable("AIGUILLEUR_OUTCOME"));
        Call next = resume(env, "211/transfer-failed", "CHANUNAVAIL", caller());
        AgiJourneyTest.assertVariables(next, "queued", "grand-montreal-fr", "fr-CA", "montreal", "health-social",
                "", "811", "no");
    }

    @Test
    void unknownCall_setsNoOutcome_soTheDialplanUsesItsDefaultQueue() {
        Env never = Env.standard();
        Call call = resume(never, "211/queue-ended", "TIMEOUT", caller());
        assertEquals("", call.variable("AIGUILLEUR_OUTCOME"));
        assertEquals("", call.variable("AIGUILLEUR_QUEUE"));
        assertEquals(List.of(), call.commands("STREAM FILE"));
    }

    @Test
    void aHangupAfterTheDecision_isNotResumed() {
        Env env = Env.standard().callerId(AgiJourneyTest.MONTREAL);
        Call first = door.asterisk().call(env, caller().press("1").press("1").hangUp());
        assertEquals("hangup", first.variable("AIGUILLEUR_OUTCOME"));
        assertEquals("", resume(env, "211/queue-ended", "TIMEOUT", caller()).variable("AIGUILLEUR_OUTCOME"));
    }

    @Test
    void callEnded_closesTheRecord_andForgetsTheCall() {
        Env env = Env.standard().callerId(AgiJourneyTest.MONTREAL);
        door.asterisk().call(env, caller().press("1").press("1"));
        Call ended = door.asterisk().call(Env.standard().set("agi_uniqueid", env.uniqueId()).script("211/call-ended"),
                caller());
        assertEquals(List.of(), ended.commands("STREAM FILE"));
        assertTrue(door.events.stream().anyMatch(e -> e instanceof CallEvent.CallEnded c && c.callId().equals(env.uniqueId())));
        assertEquals("", resume(env, "211/queue-ended", "TIMEOUT", caller()).variable("AIGUILLEUR_OUTCOME"));
    }

    @Test
    void queueStatuses_mapToTheEnginesReasons() {
        assertEquals(Event.QueueStatus.EMPTY, ScriptMapping.queueStatus("JOINEMPTY"));
        assertEquals(Event.QueueStatus.EMPTY, ScriptMapping.queueStatus("leaveunavail"));
        assertEquals(Event.QueueStatus.FULL, ScriptMapping.queueStatus("FULL"));
        assertEquals(Event.QueueStatus.TIMEOUT, ScriptMapping.queueStatus("TIMEOUT"));
        assertEquals(Event.QueueStatus.TIMEOUT, ScriptMapping.queueStatus("CONTINUE"));
    }
}
