package org.aiguilleur.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.interpreter.DtmfTemplate;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.interpreter.Provider;
import org.aiguilleur.interpreter.Secrets;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.HttpFrontDoor;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.FakeTwilioRest;
import org.aiguilleur.testing.FakeTwilioRest.Called;
import org.aiguilleur.testing.FakeTwilioRest.Placed;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.RecordingCallEvents;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.aiguilleur.testing.Twiml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Interpreted calls through the real Jetty door: signed webhooks from the caller, the REST API and
 * the signed call and conference callbacks of {@link FakeTwilioRest}, the one fake of Twilio.
 */
class TwilioInterpreterTest {
    static final String PUBLIC = "https://public.example";
    private static final Instant OPEN = Fixtures.local("2026-11-24T10:00");
    private static final String PRIMARY_NUMBER = "+15145550181";
    private static final String BACKUP_NUMBER = "+15145550182";
    private static final String AGENT_NUMBER = "+15145550183";
    /** The number the caller dialled ({@link FakeTwilioRest#callParams}): the legs' caller id. */
    private static final String OURS = "+15145550211";

    private final RecordingCallEvents reported = new RecordingCallEvents();
    private FakeTwilioRest twilio;
    private HttpFrontDoor door;
    private TwilioWebhooks hooks;
    private TwilioWebhookClient client;
    private java.util.function.Function<String, Optional<String>> agentNumbers =
            q -> q.equals("grand-montreal-fr") ? Optional.of(AGENT_NUMBER) : Optional.empty();

    private static Provider provider(String id, String number, Duration timeout, boolean enabled) {
        return new Provider(id, id, number, DtmfTemplate.parse("ww{account}#w{pin}#ww{language}#"),
                new Secrets(Map.of("account", "4455", "pin", "9876")), Map.of("zh", "103"), "0", timeout, 1, enabled);
    }

    private void start(Provider... providers) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        twilio = new FakeTwilioRest(PUBLIC, "http://127.0.0.1:" + port);
        Configuration shipped = Fixtures.shipped();
        Configuration cfg = new Configuration(shipped.dir(), shipped.settings(), shipped.regions(), shipped.centres(),
                shipped.calendars(), shipped.flow(), shipped.prompts(), shipped.agents(), new Interpreters(List.of(providers)));
        LiveConfig live = new LiveConfig(cfg, Clock.fixed(OPEN, Fixtures.QUEBEC), LiveStaffing.UNKNOWN);
        hooks = TwilioWebhooks.create(live, new TwilioWebhooks.Credentials(PUBLIC, FakeTwilioRest.AUTH_TOKEN),
                reported, reported, new TwilioWebhooks.Interpreting(twilio.restClient(), agentNumbers));
        door = new HttpFrontDoor(new Settings.Listener("127.0.0.1", port), hooks.routes());
        door.start();
        client = new TwilioWebhookClient(PUBLIC, java.net.URI.create("http://127.0.0.1:" + port), FakeTwilioRest.AUTH_TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        if (door != null) {
            door.close();
        }
        if (hooks != null) {
            hooks.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    /** A Mandarin speaker's call up to the engine's decision: the TwiML that bridges them. */
    private Twiml mandarinCaller(TwilioCaller c) {
        c.dial();
        c.press("9");
        c.press("1");
        return c.press("1");
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    private Placed placedTo(String number, int nth) {
        return twilio.placed().stream().filter(p -> p.to().equals(number)).skip(nth).findFirst().orElseThrow();
    }

    private List<CallEvent.InterpreterAttempt> attempts() {
        return reported.of(CallEvent.InterpreterAttempt.class);
    }

    private boolean hungUpByRest(String callSid) {
        return twilio.requests().stream().anyMatch(r -> r.path().endsWith("/Calls/" + callSid + ".json")
                && "completed".equals(r.form().get("Status")));
    }

    @Test
    void interpreterAnswers_callerWaitsInConferenceThenInterpreterAndAgentJoin() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), true));
        TwilioCaller c = new TwilioCaller(client, "CA100", "+15145550100");
        Twiml t = mandarinCaller(c);
        Element conf = t.required("Conference");
        assertEquals("aig-CA100", conf.getTextContent());
        assertEquals("true", conf.getAttribute("endConferenceOnExit"));
        assertEquals("false", conf.getAttribute("startConferenceOnEnter"));
        assertEquals("start end join leave", conf.getAttribute("statusCallbackEvent"));
        assertTrue(conf.getAttribute("statusCallback").startsWith(PUBLIC + "/twilio/interpreter/conference?c=aig-CA100"));
        assertTrue(t.first("Enqueue").isEmpty(), t.toString());

        await(() -> twilio.placed().size() == 2, "interpreter and agent legs placed");
        Placed leg = placedTo(PRIMARY_NUMBER, 0);
        assertEquals("ww4455#w9876#ww103#", leg.form().get("SendDigits"));
        assertEquals("45", leg.form().get("Timeout"));
        assertEquals(OURS, leg.from());
        assertEquals("initiated ringing answered completed", leg.form().get("StatusCallbackEvent"));
        assertTrue(leg.form().get("Twiml").contains(">aig-CA100</Conference>"), leg.form().get("Twiml"));
        Placed agent = placedTo(AGENT_NUMBER, 0);
        assertTrue(agent.form().get("Twiml").contains("Langue : chinois") || agent.form().get("Twiml").contains("Langue"),
                agent.form().get("Twiml"));

        twilio.joinConference("CA100", conf);
        // Twilio plays the wait URL in a loop until the conference starts: in Mandarin, one is being connected.
        await(() -> twilio.webhook(conf.getAttribute("waitUrl"), Map.of("AccountSid", FakeTwilioRest.ACCOUNT_SID))
                .body().contains("我们正在为您联系口译员"), "the waiting message in the caller's language");
        await(() -> twilio.participants("aig-CA100").size() == 3, "caller, interpreter and agent in the conference");

        twilio.hangsUp("CA100");
        c.hangUp();
        await(() -> attempts().size() == 1, "the attempt reported");
        CallEvent.InterpreterAttempt a = attempts().get(0);
        assertEquals("primary", a.provider());
        assertEquals("zh", a.language());
        assertEquals("joined", a.outcome());
        assertTrue(a.connectTime().isPresent());
        twilio.settle();
        assertTrue(twilio.conferenceEnded("aig-CA100"));
        assertEquals("completed", twilio.status(leg.sid()).orElseThrow());
    }

    @Test
    void slowInterpreter_isHungUpAtItsTimeoutAndTheBackupJoins() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(5), true),
                provider("backup", BACKUP_NUMBER, Duration.ofSeconds(45), true));
        twilio.whenDialled(PRIMARY_NUMBER, Called.RINGS_ON);
        TwilioCaller c = new TwilioCaller(client, "CA101", "+15145550100");
        twilio.joinConference("CA101", mandarinCaller(c).required("Conference"));
        await(() -> twilio.placed().stream().anyMatch(p -> p.to().equals(BACKUP_NUMBER)), "the backup dialled");
        Placed slow = placedTo(PRIMARY_NUMBER, 0);
        assertTrue(hungUpByRest(slow.sid()), "the slow leg was hung up");
        Placed backup = placedTo(BACKUP_NUMBER, 0);
        await(() -> twilio.participants("aig-CA101").contains(backup.sid()), "the backup in the conference");
        assertFalse(twilio.participants("aig-CA101").contains(slow.sid()));
        assertEquals("timeout", attempts().get(0).outcome());
        assertEquals("primary", attempts().get(0).provider());
        twilio.hangsUp("CA101");
        c.hangUp();
        await(() -> attempts().size() == 2, "the backup's attempt reported");
        assertEquals("backup", attempts().get(1).provider());
        assertEquals("joined", attempts().get(1).outcome());
    }

    @Test
    void noInterpreter_callerHearsTheApologyAndStaysWithTheAgent() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), true),
                provider("backup", BACKUP_NUMBER, Duration.ofSeconds(45), true));
        twilio.whenDialled(PRIMARY_NUMBER, Called.BUSY);
        twilio.whenDialled(BACKUP_NUMBER, Called.FAILS);
        TwilioCaller c = new TwilioCaller(client, "CA102", "+15145550100");
        twilio.joinConference("CA102", mandarinCaller(c).required("Conference"));
        await(() -> !twilio.announcements().isEmpty(), "the apology announced");
        assertTrue(twilio.announcements().get(0).body().contains("我们未能联系到口译员"), twilio.announcements().get(0).body());
        assertEquals(List.of("busy", "failed"), attempts().stream().map(CallEvent.InterpreterAttempt::outcome).toList());
        Placed agent = placedTo(AGENT_NUMBER, 0);
        twilio.settle();
        assertEquals(List.of("CA102", agent.sid()), twilio.participants("aig-CA102"));
        assertFalse(twilio.conferenceEnded("aig-CA102"));
    }

    @Test
    void callerHangsUpWhileTheInterpreterRings_legIsHungUpAndConferenceEnds() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), true));
        twilio.whenDialled(PRIMARY_NUMBER, Called.RINGS_ON);
        TwilioCaller c = new TwilioCaller(client, "CA103", "+15145550100");
        twilio.joinConference("CA103", mandarinCaller(c).required("Conference"));
        await(() -> twilio.placed().size() == 2, "legs placed");
        Placed ringing = placedTo(PRIMARY_NUMBER, 0);
        twilio.hangsUp("CA103");
        c.hangUp();
        await(() -> hungUpByRest(ringing.sid()), "the ringing leg cancelled");
        await(() -> attempts().size() == 1, "the attempt reported");
        assertEquals("caller-left", attempts().get(0).outcome());
        twilio.settle();
        assertEquals("canceled", twilio.status(ringing.sid()).orElseThrow());
        assertTrue(twilio.conferenceEnded("aig-CA103"));
    }

    @Test
    void agentHangsUp_conferenceEndsByRestAndEveryLegIsReleased() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), true));
        TwilioCaller c = new TwilioCaller(client, "CA104", "+15145550100");
        twilio.joinConference("CA104", mandarinCaller(c).required("Conference"));
        await(() -> twilio.participants("aig-CA104").size() == 3, "everyone in");
        Placed agent = placedTo(AGENT_NUMBER, 0);
        Placed leg = placedTo(PRIMARY_NUMBER, 0);
        twilio.hangsUp(agent.sid());
        await(() -> twilio.conferenceEnded("aig-CA104"), "the conference ended");
        assertTrue(twilio.requests().stream().anyMatch(r -> r.path().contains("/Conferences/")
                && "completed".equals(r.form().get("Status"))), "Conference update Status=completed");
        await(() -> attempts().size() == 1, "the attempt reported");
        assertEquals("joined", attempts().get(0).outcome());
        await(() -> twilio.status(leg.sid()).orElseThrow().equals("completed"), "the interpreter leg hung up");
        await(() -> hungUpByRest("CA104"), "the caller's call ended by REST");
    }

    /** The calls agent delivery would offer now: reported waiting and not left since. */
    private java.util.Set<String> waitingForAgents() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Object o : reported.all()) {
            if (o instanceof org.aiguilleur.agents.WaitingCaller w) {
                out.add(w.callId());
            } else if (o instanceof String s && s.startsWith("left ")) {
                out.remove(s.substring(5));
            }
        }
        return out;
    }

    @Test
    void bridgedCallerWithTheConfiguredNumber_isNeverReportedToTheCallerQueue_notEvenWaitingThenLeft() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), true));
        TwilioCaller c = new TwilioCaller(client, "CA108", "+15145550100");
        Twiml t = mandarinCaller(c);
        twilio.joinConference("CA108", t.required("Conference"));
        assertFalse(waitingForAgents().contains("CA108"), "a bridged caller is not offered to agents");
        twilio.hangsUp("CA108");
        c.hangUp();
        assertTrue(reported.all().stream().noneMatch(o -> o instanceof org.aiguilleur.agents.WaitingCaller
                || ("left CA108").equals(o)), reported.all().toString());
    }

    @Test
    void configuredAgentJoins_theRecordSaysAnsweredInTheQueue_notAbandoned() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), true));
        TwilioCaller c = new TwilioCaller(client, "CA109", "+15145550100");
        twilio.joinConference("CA109", mandarinCaller(c).required("Conference"));
        await(() -> twilio.participants("aig-CA109").size() == 3, "everyone in");
        await(() -> !reported.of(CallEvent.QueueLeft.class).isEmpty(), "answered");
        twilio.hangsUp("CA109");
        c.hangUp();
        List<CallEvent.QueueLeft> left = reported.of(CallEvent.QueueLeft.class);
        assertEquals(1, left.size(), left.toString());
        assertEquals(org.aiguilleur.flow.Event.QueueStatus.ANSWERED, left.get(0).status());
        assertEquals("grand-montreal-fr", left.get(0).queue());
        assertEquals(Optional.empty(), left.get(0).agent());
    }

    @Test
    void noProviderEnabled_callerJoinsTheInterpreterQueueAsBefore() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), false));
        Twiml t = mandarinCaller(new TwilioCaller(client, "CA105", "+15145550100"));
        assertEquals("grand-montreal-fr", t.required("Enqueue").getTextContent());
        assertTrue(t.first("Conference").isEmpty());
        assertTrue(twilio.placed().isEmpty());
    }

    @Test
    void noNumberForTheQueuesAgents_callerJoinsTheInterpreterQueue() throws Exception {
        agentNumbers = q -> Optional.empty();
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), true));
        Twiml t = mandarinCaller(new TwilioCaller(client, "CA107", "+15145550100"));
        assertEquals("grand-montreal-fr", t.required("Enqueue").getTextContent());
        assertTrue(waitingForAgents().contains("CA107"), "an interpreter-queue caller is offered to agents");
        assertTrue(twilio.placed().isEmpty());
    }

    @Test
    void unsignedConferenceCallback_isRefused() throws Exception {
        start(provider("primary", PRIMARY_NUMBER, Duration.ofSeconds(45), true));
        FakeTwilioRest.Reply r = twilio.send(PUBLIC + "/twilio/interpreter/conference?c=aig-CA106",
                Map.of("StatusCallbackEvent", "participant-leave", "CallSid", "CA106"), "bm90IGEgc2lnbmF0dXJl");
        assertEquals(403, r.status());
    }
}
