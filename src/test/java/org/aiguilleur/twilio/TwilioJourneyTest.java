package org.aiguilleur.twilio;

import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.flow.Event;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.Twiml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Whole calls through the real Jetty server with signed webhooks, one per outcome. */
class TwilioJourneyTest {
    private static final String MONTREAL = "+15145550100";
    private static TwilioServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TwilioServer(local("2026-11-24T10:00"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The one server of this class, its clock at a local Québec time, nothing reported yet. */
    private static TwilioServer open(String localTime) {
        server.now.set(local(localTime));
        server.reported.clear();
        return server;
    }

    @Test
    void incomingCall_asksLanguageInEachLanguagesVoiceWithSpeech() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA01", MONTREAL);
        Twiml t = c.dial();
        assertEquals(List.of("Gather"), t.verbNames());
        Element g = t.required("Gather");
        assertEquals("dtmf speech", g.getAttribute("input"));
        assertEquals("1", g.getAttribute("numDigits"));
        assertEquals("5", g.getAttribute("timeout"));
        assertEquals("true", g.getAttribute("actionOnEmptyResult"));
        assertTrue(g.getAttribute("action").startsWith("https://public.example/twilio/gather?s="), g.getAttribute("action"));
        assertTrue(g.getAttribute("hints").contains("english"), g.getAttribute("hints"));
        Element french = t.says().stream().filter(s -> s.getTextContent().startsWith("Bienvenue")).findFirst().orElseThrow();
        assertEquals("fr-CA", french.getAttribute("language"));
        assertEquals("Google.fr-CA-Neural2-A", french.getAttribute("voice"));
        Element english = t.says().stream().filter(s -> s.getTextContent().startsWith("Welcome")).findFirst().orElseThrow();
        assertEquals("en-US", english.getAttribute("language"));
        assertEquals("Polly.Joanna-Neural", english.getAttribute("voice"));
    }

    @Test
    void frenchHousing_isQueuedAtGrandMontrealWithAnnouncedWait() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA02", MONTREAL);
        c.dial();
        Twiml need = c.press("1");
        assertTrue(need.spoken().contains("Quel est votre besoin"), need.spoken());
        Twiml queued = c.press("1");
        assertEquals(List.of("Say", "Enqueue"), queued.verbNames());
        Element q = queued.required("Enqueue");
        assertEquals("grand-montreal-fr", q.getTextContent());
        assertEquals("https://public.example/twilio/queue-wait?lang=fr-CA", q.getAttribute("waitUrl"));

        WaitingCaller w = server.reported.of(WaitingCaller.class).get(0);
        assertEquals("CA02", w.callId());
        assertEquals("grand-montreal-fr", w.queue());
        assertEquals("montreal", w.region());
        assertEquals("housing", w.need());
        CallEvent.IvrEnded ivr = server.reported.of(CallEvent.IvrEnded.class).get(0);
        assertEquals(Outcome.QUEUED, ivr.result().outcome().orElseThrow());
        assertEquals(List.of("language=1", "need=1"), ivr.result().path());

        // Twilio asks the wait URL again and again: position and expected wait, then music or silence.
        Twiml wait = c.waitInQueue(3, 20, 240);
        assertEquals(List.of("Say", "Say", "Pause"), wait.verbNames());
        assertTrue(wait.spoken().contains("position dans la file d'attente : 3"), wait.spoken());
        assertTrue(wait.spoken().contains("environ 4 minutes"), wait.spoken());
        assertEquals("fr-CA", wait.says().get(0).getAttribute("language"));
        assertEquals("30", wait.required("Pause").getAttribute("length"));
        Twiml later = c.waitInQueue(1, 200, 0);
        assertEquals(List.of("Say", "Pause"), later.verbNames());

        Twiml after = c.leaveQueue("bridged");
        assertEquals(List.of("Hangup"), after.verbNames());
        CallEvent.QueueLeft left = server.reported.of(CallEvent.QueueLeft.class).get(0);
        assertEquals(Event.QueueStatus.ANSWERED, left.status());
        assertEquals("grand-montreal-fr", left.queue());
        assertTrue(server.reported.all().contains("left CA02"));
        assertEquals(200, c.hangUp().status());
        assertEquals(1, server.reported.of(CallEvent.CallEnded.class).size());
        assertEquals(1, server.reported.of(CallEvent.IvrEnded.class).size());
    }

    @Test
    void queueWaitPastTheLimit_leavesAndTheEngineRoutesAgain() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA03", MONTREAL);
        c.dial();
        c.press("2");
        c.press("1");
        assertEquals(List.of("Leave"), c.waitInQueue(2, 15 * 60, 300).verbNames());
        Twiml next = c.leaveQueue("leave");
        // grand-montreal failed: the other open centre takes the call.
        assertEquals("quebec-regions-en", next.required("Enqueue").getTextContent());
        assertEquals(Event.QueueStatus.TIMEOUT, server.reported.of(CallEvent.QueueLeft.class).get(0).status());
        assertEquals(2, server.reported.of(WaitingCaller.class).size());
    }

    @Test
    void otherLanguageMandarin_isQueuedWithAnInterpreter() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA04", MONTREAL);
        c.dial();
        c.press("9");
        c.press("1");
        Twiml t = c.press("1");
        Element q = t.required("Enqueue");
        assertEquals("grand-montreal-fr", q.getTextContent());
        assertTrue(q.getAttribute("waitUrl").endsWith("lang=zh"), q.getAttribute("waitUrl"));
        WaitingCaller w = server.reported.of(WaitingCaller.class).get(0);
        assertEquals("zh", w.interpreterLanguage());
        assertEquals(Outcome.INTERPRETER, server.reported.of(CallEvent.IvrEnded.class).get(0).result().outcome().orElseThrow());
    }

    @Test
    void spokenLanguage_isHeardWithTheRecogniser() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA05", MONTREAL);
        c.dial();
        Twiml need = c.say("english please");
        Element g = need.required("Gather");
        assertEquals("en-CA", g.getAttribute("language"));
        assertTrue(need.spoken().contains("What do you need"), need.spoken());
    }

    @Test
    void need811_isTransferredAndAFailedTransferComesBackToA211Agent() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA06", MONTREAL);
        c.dial();
        c.press("1");
        Twiml t = c.press("8");
        Element dial = t.required("Dial");
        assertEquals("811", dial.getTextContent().strip());
        assertEquals("30", dial.getAttribute("timeout"));
        assertTrue(dial.getAttribute("action").startsWith("https://public.example/twilio/dial?s="));
        assertEquals(Outcome.TRANSFERRED, server.reported.of(CallEvent.IvrEnded.class).get(0).result().outcome().orElseThrow());
        Twiml back = c.dialEnded("failed");
        assertEquals("grand-montreal-fr", back.required("Enqueue").getTextContent());
    }

    @Test
    void need811_answeredTransferEndsTheCall() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA07", MONTREAL);
        c.dial();
        c.press("1");
        c.press("8");
        assertEquals(List.of("Hangup"), c.dialEnded("completed").verbNames());
    }

    @Test
    void christmasNight_hearsHoursAndLeavesAMessage() throws Exception {
        TwilioCaller c = open("2026-12-25T21:00").caller("CA08", "anonymous");
        c.dial();
        Twiml postal = c.press("2");
        Element g = postal.required("Gather");
        assertEquals("3", g.getAttribute("numDigits"));
        c.press("412");
        c.press("2");
        Twiml closed = c.press("1");
        assertTrue(closed.spoken().toLowerCase().contains("closed") || closed.spoken().contains("hours"), closed.spoken());
        Twiml record = c.press("1");
        assertEquals(List.of("Say", "Record", "Redirect"), record.verbNames());
        Element r = record.required("Record");
        assertEquals("120", r.getAttribute("maxLength"));
        assertEquals("#", r.getAttribute("finishOnKey"));
        Twiml bye = c.record(25);
        assertEquals("Hangup", bye.verbNames().get(bye.verbNames().size() - 1));
        CallEvent.IvrEnded ivr = server.reported.of(CallEvent.IvrEnded.class).get(0);
        assertEquals(Outcome.AFTER_HOURS, ivr.result().outcome().orElseThrow());
        assertEquals(true, ivr.result().callback().orElseThrow());
        assertTrue(ivr.result().recording().orElseThrow().endsWith("/Recordings/RECA08"));
        assertTrue(server.reported.of(WaitingCaller.class).isEmpty());
    }

    @Test
    void emptyRecording_isNoMessage() throws Exception {
        TwilioCaller c = open("2026-12-25T21:00").caller("CA09", "anonymous");
        c.dial();
        c.press("2");
        c.press("412");
        c.press("2");
        c.press("1");
        Twiml record = c.press("1");
        String redirect = server.client.pathOf(record.required("Redirect").getTextContent().strip());
        Twiml bye = org.aiguilleur.testing.Twiml.parse(server.client.post(redirect, c.params()).body());
        assertEquals("Hangup", bye.verbNames().get(bye.verbNames().size() - 1));
        assertEquals(false, server.reported.of(CallEvent.IvrEnded.class).get(0).result().callback().orElseThrow());
    }

    @Test
    void hangUpMidMenu_reachesTheEngineThroughTheStatusCallback() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA10", MONTREAL);
        c.dial();
        c.press("1");
        assertEquals(200, c.hangUp().status());
        CallEvent.IvrEnded ivr = server.reported.of(CallEvent.IvrEnded.class).get(0);
        assertEquals(Outcome.HANGUP, ivr.result().outcome().orElseThrow());
        assertEquals(List.of("language=1", "hangup@need"), ivr.result().path());
        assertEquals(1, server.reported.of(CallEvent.CallEnded.class).size());
        // A late Gather result after the hang-up just hangs up.
        assertEquals(List.of("Hangup"), c.press("1").verbNames());
        assertEquals(1, server.reported.of(CallEvent.IvrEnded.class).size());
    }

    @Test
    void hangUpWhileQueued_letsTheQueueGoOnce() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA11", MONTREAL);
        c.dial();
        c.press("1");
        c.press("1");
        c.hangUp();
        c.leaveQueue("hangup");
        List<CallEvent.QueueLeft> left = server.reported.of(CallEvent.QueueLeft.class);
        assertEquals(1, left.size());
        assertEquals(Event.QueueStatus.ABANDONED, left.get(0).status());
        assertEquals(1, server.reported.all().stream().filter("left CA11"::equals).count());
    }

    @Test
    void silenceTwice_takesTheDefaultLanguage() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA12", MONTREAL);
        c.dial();
        Twiml again = c.silence();
        assertTrue(again.spoken().contains("Nous n'avons pas entendu"), again.spoken());
        Twiml need = c.silence();
        assertTrue(need.spoken().contains("Quel est votre besoin"), need.spoken());
    }

    @Test
    void fallbackUrl_alwaysQueuesAtTheDefaultQueue() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA13", MONTREAL);
        Twiml t = server.client.post("/twilio/fallback", c.params()).twiml();
        assertEquals(List.of("Enqueue", "Hangup"), t.verbNames());
        assertEquals("grand-montreal-fr", t.required("Enqueue").getTextContent());
        assertEquals("grand-montreal-fr", server.reported.of(WaitingCaller.class).get(0).queue());
    }

    @Test
    void signedCallbackWithABrokenToken_stillQueuesTheCaller() throws Exception {
        TwilioCaller c = open("2026-11-24T10:00").caller("CA14", MONTREAL);
        java.util.Map<String, String> p = c.params();
        p.put("Digits", "1");
        Twiml t = server.client.post("/twilio/gather?s=bm90LWEtdG9rZW4", p).twiml();
        assertEquals("grand-montreal-fr", t.required("Enqueue").getTextContent());
        assertFalse(t.verbNames().isEmpty());
    }
}
