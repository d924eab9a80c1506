package org.aiguilleur.agi;

import static org.aiguilleur.testing.FakeCaller.caller;
import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.testing.FakeAsterisk;
import org.aiguilleur.testing.FakeAsterisk.Call;
import org.aiguilleur.testing.FakeAsterisk.Env;
import org.aiguilleur.testing.FakeCaller;
import org.aiguilleur.testing.FakeCaller.MessageEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole calls through the real FastAGI server, driven by the fake Asterisk over loopback TCP. */
class AgiJourneyTest {
    // Tuesday 24 November 2026: both centres open at 10:00, none at 21:00.
    static final Instant OPEN = local("2026-11-24T10:00");
    static final Instant NIGHT = local("2026-11-24T21:00");
    static final String MONTREAL = "+15145550100";
    static final String QUEBEC_CITY = "4185230100";

    static RunningDoor open;
    static RunningDoor night;

    @BeforeAll
    static void start() throws Exception {
        open = RunningDoor.at(OPEN);
        night = RunningDoor.at(NIGHT);
    }

    @AfterAll
    static void stop() throws Exception {
        open.close();
        night.close();
    }

    static Call call(RunningDoor door, String from, FakeCaller caller) {
        return door.asterisk().call(Env.standard().callerId(from), caller);
    }

    static void assertVariables(Call call, String outcome, String queue, String language, String region, String need,
                                String interpreter, String transferTo, String callback) {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("AIGUILLEUR_OUTCOME", outcome);
        expected.put("AIGUILLEUR_QUEUE", queue);
        expected.put("AIGUILLEUR_LANGUAGE", language);
        expected.put("AIGUILLEUR_REGION", region);
        expected.put("AIGUILLEUR_NEED", need);
        expected.put("AIGUILLEUR_INTERPRETER_LANGUAGE", interpreter);
        expected.put("AIGUILLEUR_TRANSFER_TO", transferTo);
        expected.put("AIGUILLEUR_CALLBACK", callback);
        assertAll(expected.entrySet().stream().map(e -> () -> assertEquals(e.getValue(), call.variable(e.getKey()),
                e.getKey() + " in\n" + call)));
        assertTrue(call.violations.isEmpty(), () -> "pipelined: " + call.violations);
    }

    @Test
    void frenchHousing_bargeIn_queuesAtGrandMontrealFrench() {
        Call call = call(open, MONTREAL, caller().press("1").press("1"));
        assertVariables(call, "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "", "", "no");
        // The key stopped the first prompt: the language menu's other prompts were never played.
        assertTrue(call.commands.get(0).startsWith("STREAM FILE \"/snd/fr-CA/welcome-"), call.commands.get(0));
        assertTrue(call.commands.get(0).endsWith("\"12349\""), "the menu's keys are escape digits");
        assertEquals("", call.lostKeys.toString());
    }

    @Test
    void keysAfterThePrompts_areTakenByWaitForDigit() {
        Call call = call(open, MONTREAL, caller().pressAfterPrompts("2").pressAfterPrompts("2"));
        assertVariables(call, "queued", "grand-montreal-en", "en-CA", "montreal", "food", "", "", "no");
        assertEquals(2, call.commands("WAIT FOR DIGIT").size());
        assertTrue(call.commands("WAIT FOR DIGIT").get(0).equals("WAIT FOR DIGIT 5000"), "the menu's 5 s timeout");
    }

    @Test
    void silenceEverywhere_takesTheDefaults() {
        Call call = call(open, MONTREAL, caller());
        assertVariables(call, "queued", "grand-montreal-fr", "fr-CA", "montreal", "other", "", "", "no");
    }

    @Test
    void postalCode_firstKeyStopsThePrompt_getDataStartsAtOnce() {
        Call call = call(open, "anonymous", caller().press("1").press("429").press("1"));
        assertVariables(call, "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "", "", "no");
        int i = indexOf(call, "STREAM FILE \"/snd/fr-CA/postal-code-");
        assertEquals("GET DATA \"/snd/silence\" 8000 2", call.commands.get(i + 1),
                "the rest of the entry is collected by the very next command");
        assertEquals("", call.lostKeys.toString());
    }

    @Test
    void otherLanguage_goesToAnInterpreter() {
        Call call = call(open, MONTREAL, caller().press("9").press("1").press("1"));
        assertVariables(call, "interpreter", "grand-montreal-fr", "zh", "montreal", "housing", "zh", "", "no");
    }

    @Test
    void need811_isTransferred() {
        Call call = call(open, MONTREAL, caller().press("1").press("8"));
        assertVariables(call, "transferred", "", "fr-CA", "montreal", "health-social", "", "811", "no");
    }

    @Test
    void afterHours_messageEndedByHash_isACallback() {
        Call call = call(night, QUEBEC_CITY, caller().press("2").press("1").press("1")
                .speak(Duration.ofSeconds(12), MessageEnd.HASH));
        assertVariables(call, "after-hours", "", "en-CA", "capitale-nationale", "housing", "", "", "yes");
        String record = call.commands("RECORD FILE").get(0);
        assertTrue(record.startsWith("RECORD FILE \"/var/spool/asterisk/aiguilleur/callback-"), record);
        assertTrue(record.contains("\"wav\" \"#\" 120000 0 BEEP"), record);
        CallEvent.IvrEnded ended = ivrEnded(night, call);
        assertEquals(Duration.ofSeconds(12).toSeconds() + "s",
                ended.result().path().get(ended.result().path().size() - 1).replace("record=", ""));
    }

    @Test
    void afterHours_noMessage_saysGoodbye() {
        Call call = call(night, MONTREAL, caller().press("1").press("1"));
        assertVariables(call, "after-hours", "", "fr-CA", "montreal", "housing", "", "", "no");
        assertTrue(call.commands.stream().anyMatch(c -> c.startsWith("STREAM FILE \"/snd/fr-CA/goodbye-")));
    }

    @Test
    void messageThenHangUp_isStillACallback() {
        Call call = call(night, QUEBEC_CITY, caller().press("1").press("1").press("1")
                .speak(Duration.ofSeconds(20), MessageEnd.HANGUP));
        assertVariables(call, "hangup", "", "fr-CA", "capitale-nationale", "housing", "", "", "yes");
        assertEquals(Outcome.AFTER_HOURS, ivrEnded(night, call).result().outcome().orElseThrow());
    }

    @Test
    void hangUpDuringTheWelcome_setsHangupAndNothingElse() {
        Call call = call(open, MONTREAL, caller().hangUp());
        assertVariables(call, "hangup", "", "", "", "", "", "", "no");
        assertTrue(call.hungUp);
        assertEquals(Outcome.HANGUP, ivrEnded(open, call).result().outcome().orElseThrow());
    }

    @Test
    void hangUpDuringPostalCodeEntry_keepsWhatWasKnown() {
        Call call = call(open, "anonymous", caller().press("2").pressAfterPrompts("").hangUp());
        assertVariables(call, "hangup", "", "en-CA", "", "", "", "", "no");
    }

    @Test
    void hangUpWhileTheServerThinks_nextCommandGets511() {
        Call call = call(open, MONTREAL, caller().press("1").hangUpWhileIdle());
        assertVariables(call, "hangup", "", "fr-CA", "montreal", "", "", "", "no");
        int i = call.transcript.indexOf("A: HANGUP");
        assertEquals("A: 511 Command Not Permitted on a dead channel or intercept routine", call.transcript.get(i + 2));
    }

    @Test
    void hangUpWhileWaitingForTheNeed_keepsLanguageAndRegion() {
        Call call = call(open, MONTREAL, caller().press("2").hangUpDuring("WAIT FOR DIGIT"));
        assertVariables(call, "hangup", "", "en-CA", "montreal", "", "", "", "no");
        assertEquals("A: HANGUP", call.transcript.get(call.transcript.indexOf("S: WAIT FOR DIGIT 6000") + 2));
    }

    @Test
    void hangUpAtTheBeep_leavesNoMessage() {
        Call call = call(night, QUEBEC_CITY, caller().press("1").press("1").press("1").hangUpDuring("RECORD FILE"));
        assertVariables(call, "hangup", "", "fr-CA", "capitale-nationale", "housing", "", "", "no");
    }

    @Test
    void hangUpDuringTheRecordingIntro_isAHangupAfterHours() {
        Call call = call(night, QUEBEC_CITY, caller().press("1").press("1").press("1").hangUp());
        assertVariables(call, "hangup", "", "fr-CA", "capitale-nationale", "housing", "", "", "no");
        assertEquals(0, call.commands("RECORD FILE").size());
        assertEquals(Outcome.AFTER_HOURS, ivrEnded(night, call).result().outcome().orElseThrow());
    }

    @Test
    void silentRecording_isNoMessage() {
        Call call = call(night, QUEBEC_CITY, caller().press("1").press("1").press("1").silence());
        assertVariables(call, "after-hours", "", "fr-CA", "capitale-nationale", "housing", "", "", "no");
        assertTrue(call.commands.stream().anyMatch(c -> c.startsWith("STREAM FILE \"/snd/fr-CA/goodbye-")));
    }

    @Test
    void hangUpDuringTheQueuedAnnouncement_isAHangup() {
        Call call = call(open, MONTREAL, caller().press("1").press("1").hangUp());
        assertVariables(call, "hangup", "grand-montreal-fr", "fr-CA", "montreal", "housing", "", "", "no");
    }

    @Test
    void everySoundMissing_inputIsStillCollected() {
        Call call = open.asterisk().soundExists(p -> false)
                .call(Env.standard().callerId("anonymous"), caller().press("1").press("429").press("1"));
        assertVariables(call, "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "", "", "no");
        assertTrue(call.failure);
        // No GET DATA after the first one failed: key by key on silence.
        assertEquals(1, call.commands("GET DATA").size());
    }

    @Test
    void onlySilenceMissing_postalCodeIsTakenKeyByKey() {
        Call call = open.asterisk().soundExists(p -> !p.endsWith("/silence"))
                .call(Env.standard().callerId("anonymous"), caller().press("1").press("429").press("1"));
        assertVariables(call, "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "", "", "no");
    }

    @Test
    void unknownCommandReply_sendsTheCallerToTheDefaultQueue() {
        Call call = open.asterisk().reject("STREAM FILE", false).call(Env.standard().callerId(MONTREAL), caller());
        assertVariables(call, "queued", "grand-montreal-fr", "", "", "", "", "", "no");
        assertTrue(ivrEnded(open, call).result().error().isPresent());
    }

    @Test
    void syntaxErrorReply_sendsTheCallerToTheDefaultQueue() {
        Call call = open.asterisk().reject("WAIT FOR DIGIT", true)
                .call(Env.standard().callerId(MONTREAL), caller().press("1"));
        assertVariables(call, "queued", "grand-montreal-fr", "fr-CA", "montreal", "", "", "", "no");
    }

    @Test
    void scriptWithQueryString_isServed() {
        Call call = open.asterisk().call(Env.standard().callerId(MONTREAL).script("211?lang=fr&line=main"),
                caller().press("1").press("1"));
        assertVariables(call, "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "", "", "no");
    }

    @Test
    void otherScript_isNotServed_andSetsNoOutcome() {
        Call call = open.asterisk().call(Env.standard().callerId(MONTREAL).script("212"), caller());
        assertEquals(null, call.variable("AIGUILLEUR_OUTCOME"));
        assertEquals("NOT_FOUND", call.variable("AJ_AGISTATUS"));
    }

    @Test
    void ivrEnded_isEmittedOncePerCall_withTheUniqueId() {
        Env env = Env.standard().callerId(MONTREAL);
        open.asterisk().call(env, caller().press("1").press("1"));
        long n = open.events.stream().filter(e -> e.callId().equals(env.uniqueId())).count();
        assertEquals(1, n);
        CallEvent.IvrEnded e = (CallEvent.IvrEnded) open.events.stream()
                .filter(x -> x.callId().equals(env.uniqueId())).findFirst().orElseThrow();
        assertEquals(MONTREAL, e.start().callerId());
        assertEquals("asterisk", e.start().door());
    }

    static int indexOf(Call call, String prefix) {
        for (int i = 0; i < call.commands.size(); i++) {
            if (call.commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + prefix + " in\n" + call);
    }

    static CallEvent.IvrEnded ivrEnded(RunningDoor door, Call call) {
        String id = call.transcript.stream().filter(l -> l.startsWith("A: agi_uniqueid: ")).findFirst().orElseThrow()
                .substring("A: agi_uniqueid: ".length());
        // The event is emitted after the variables: wait briefly for the server thread.
        for (int i = 0; i < 200; i++) {
            for (CallEvent e : door.events) {
                if (e instanceof CallEvent.IvrEnded ended && e.callId().equals(id)) {
                    return ended;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no IvrEnded for " + id);
    }
}
