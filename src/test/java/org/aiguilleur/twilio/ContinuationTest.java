package org.aiguilleur.twilio;

import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.aiguilleur.testing.Twiml;
import org.junit.jupiter.api.Test;

/** A call goes on wherever Twilio's next request lands: after a restart, on another instance. */
class ContinuationTest {

    @Test
    void restartMidMenu_aNewInstanceContinuesTheCall() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(local("2026-11-24T10:00"));
        TwilioServer first = new TwilioServer(Fixtures.shipped(), now);
        TwilioCaller c = first.caller("CAR1", "+15145550100");
        c.dial();
        Twiml need = c.press("2");
        assertTrue(need.spoken().contains("What do you need"), need.spoken());
        first.close();

        now.set(local("2026-11-24T10:00:20"));
        try (TwilioServer second = new TwilioServer(Fixtures.shipped(), now)) {
            TwilioCaller same = new TwilioCaller(second.client, "CAR1", "+15145550100");
            String action = c.action("Gather");
            java.util.Map<String, String> p = same.params();
            p.put("Digits", "1");
            Twiml queued = second.client.post(action, p).twiml();
            assertEquals("grand-montreal-en", queued.required("Enqueue").getTextContent());
            CallEvent.IvrEnded ivr = second.reported.of(CallEvent.IvrEnded.class).get(0);
            assertEquals(List.of("language=2", "need=1"), ivr.result().path());
            assertEquals(local("2026-11-24T10:00"), ivr.startedAt());
            assertEquals("montreal", ivr.result().region().orElseThrow());
        }
    }

    @Test
    void twoInstancesAlternating_runTheWholeCallAndReportItOnce() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(local("2026-12-25T21:00"));
        try (TwilioServer a = new TwilioServer(Fixtures.shipped(), now);
             TwilioServer b = new TwilioServer(Fixtures.shipped(), now)) {
            AtomicInteger turn = new AtomicInteger();
            List<URI> both = List.of(a.local(), b.local());
            TwilioWebhookClient balancer = new TwilioWebhookClient(TwilioServer.PUBLIC,
                    () -> both.get(turn.getAndIncrement() % 2), TwilioServer.TOKEN);
            TwilioCaller c = new TwilioCaller(balancer, "CAR2", "anonymous");
            c.dial();
            c.press("2");
            c.press("412");
            c.press("2");
            c.press("1");
            c.press("1");
            Twiml bye = c.record(30);
            assertEquals("Hangup", bye.verbNames().get(bye.verbNames().size() - 1));
            assertEquals(7, turn.get());
            List<CallEvent.IvrEnded> ended = new java.util.ArrayList<>(a.reported.of(CallEvent.IvrEnded.class));
            ended.addAll(b.reported.of(CallEvent.IvrEnded.class));
            assertEquals(1, ended.size());
            assertEquals(List.of("language=2", "postal-code=412", "region-choice=2", "need=1", "after-hours=1", "record=30s"),
                    ended.get(0).result().path());
            assertEquals(Outcome.AFTER_HOURS, ended.get(0).result().outcome().orElseThrow());
        }
    }

    @Test
    void rebuiltCall_decidesAtTheTimesTheEventsHappened() throws Exception {
        // Québec régions closes at 16:30. The caller was queued there at 16:29; the queue gives up at
        // 16:45 on another instance, which must rebuild "queued at quebec-regions" (not route anew at
        // 16:45), then overflow to the centre still open.
        AtomicReference<Instant> now = new AtomicReference<>(local("2026-11-24T16:29:00"));
        try (TwilioServer a = new TwilioServer(Fixtures.shipped(), now);
             TwilioServer b = new TwilioServer(Fixtures.shipped(), now)) {
            TwilioCaller c = a.caller("CAR3", "anonymous");
            c.dial();
            c.press("1");
            c.press("417");
            c.press("1");
            Twiml queued = c.press("1");
            assertEquals("quebec-regions-fr", queued.required("Enqueue").getTextContent());
            now.set(local("2026-11-24T16:45:00"));
            java.util.Map<String, String> p = c.params();
            p.put("QueueResult", "leave");
            Twiml next = b.client.post(c.action("Enqueue"), p).twiml();
            assertEquals("grand-montreal-fr", next.required("Enqueue").getTextContent());
            assertEquals("quebec-regions-fr", b.reported.of(CallEvent.QueueLeft.class).get(0).queue());
        }
    }

    @Test
    void retriedCallback_isAnsweredTheSameWayAndReportedOnce() throws Exception {
        try (TwilioServer s = new TwilioServer(local("2026-11-24T10:00"))) {
            TwilioCaller c = s.caller("CAR4", "+15145550100");
            c.dial();
            c.press("1");
            String action = c.action("Gather");
            java.util.Map<String, String> p = c.params();
            p.put("Digits", "1");
            String once = s.client.post(action, p).body();
            String again = s.client.post(action, p).body();
            assertEquals(once, again);
            assertEquals(1, s.reported.of(CallEvent.IvrEnded.class).size());
            assertEquals(1, s.reported.of(org.aiguilleur.agents.WaitingCaller.class).size());
        }
    }

    @Test
    void retryOfAnOlderStep_leavesTheLiveCallWhereItIs() throws Exception {
        try (TwilioServer s = new TwilioServer(local("2026-11-24T10:00"))) {
            TwilioCaller c = s.caller("CAR5", "+15145550100");
            c.dial();
            String languageStep = c.action("Gather");
            c.press("2");
            java.util.Map<String, String> p = c.params();
            p.put("Digits", "2");
            assertTrue(s.client.post(languageStep, p).twiml().spoken().contains("What do you need"));
            Twiml queued = c.press("1");
            assertEquals("grand-montreal-en", queued.required("Enqueue").getTextContent());
            assertEquals(List.of("language=2", "need=1"),
                    s.reported.of(CallEvent.IvrEnded.class).get(0).result().path());
        }
    }

    @Test
    void hangUpReachingAnotherInstance_stillEndsTheCallForRecordsAndAgents() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(local("2026-11-24T10:00"));
        try (TwilioServer a = new TwilioServer(Fixtures.shipped(), now);
             TwilioServer b = new TwilioServer(Fixtures.shipped(), now)) {
            TwilioCaller c = a.caller("CAR6", "+15145550100");
            c.dial();
            c.press("1");
            c.press("1");
            assertEquals(200, new TwilioCaller(b.client, "CAR6", "+15145550100").hangUp().status());
            assertEquals(1, b.reported.of(CallEvent.CallEnded.class).size());
            assertTrue(b.reported.all().contains("left CAR6"));
            assertTrue(a.reported.of(CallEvent.CallEnded.class).isEmpty());
        }
    }

    @Test
    void agentDeliveryRedirect_andRequeue_keepTheCallGoingInTheEngine() throws Exception {
        try (TwilioServer s = new TwilioServer(local("2026-11-24T10:00"))) {
            TwilioCaller c = s.caller("CAR7", "+15145550100");
            c.dial();
            c.press("1");
            c.press("1");
            // Agent delivery dequeues the caller through the REST API: Twilio ends the <Enqueue>.
            java.util.Map<String, String> p = c.params();
            p.put("QueueResult", "redirected");
            Twiml redirected = s.client.post(c.action("Enqueue"), p).twiml();
            assertTrue(redirected.verbNames().isEmpty());
            // Ringing an agent is not an answer: the records hear of one only when an agent takes the call.
            assertTrue(s.reported.of(CallEvent.QueueLeft.class).isEmpty(), s.reported.all().toString());
            // The agent missed: agent delivery answers the door's <Enqueue> for the caller.
            org.aiguilleur.agents.WaitingCaller w = s.reported.of(org.aiguilleur.agents.WaitingCaller.class).get(0);
            Twiml back = Twiml.parse(s.hooks.enqueueTwiml(w));
            org.w3c.dom.Element q = back.required("Enqueue");
            assertEquals("grand-montreal-fr", q.getTextContent());
            assertEquals("https://public.example/twilio/queue-wait?lang=fr-CA", q.getAttribute("waitUrl"));
            // Still nobody after the longest wait: the engine overflows to the other centre.
            java.util.Map<String, String> left = c.params();
            left.put("QueueResult", "leave");
            Twiml next = s.client.post(s.client.pathOf(q.getAttribute("action")), left).twiml();
            assertEquals("quebec-regions-fr", next.required("Enqueue").getTextContent());
        }
    }

    @Test
    void requeueOfACallerThisInstanceDoesNotKnow_endsAtTheFallbackNotNowhere() throws Exception {
        try (TwilioServer s = new TwilioServer(local("2026-11-24T10:00"))) {
            Twiml back = Twiml.parse(s.hooks.enqueueTwiml(new org.aiguilleur.agents.WaitingCaller("CAR8",
                    "grand-montreal-en", "en-CA", "montreal", "food", "", local("2026-11-24T10:00"))));
            assertEquals(List.of("Enqueue", "Redirect"), back.verbNames());
            assertEquals("https://public.example/twilio/fallback", back.required("Redirect").getTextContent().strip());
        }
    }
}
