package org.aiguilleur.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.aiguilleur.agents.AgentDesk;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.presence.Activity;
import org.aiguilleur.agents.presence.Presence;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.flow.Event;
import org.aiguilleur.interpreter.DtmfTemplate;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.interpreter.Provider;
import org.aiguilleur.interpreter.Secrets;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.HttpFrontDoor;
import org.aiguilleur.server.HttpRoute;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.FakeTwilioRest;
import org.aiguilleur.testing.FakeTwilioRest.AgentDoes;
import org.aiguilleur.testing.FakeTwilioRest.Called;
import org.aiguilleur.testing.FakeTwilioRest.Placed;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.RecordingCallEvents;
import org.aiguilleur.testing.TestClock;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.aiguilleur.testing.Twiml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The interpreter bridge with agent delivery on, through the real Jetty door (call webhooks, the
 * bridge's and agent delivery's, all signed) and {@link FakeTwilioRest}: an interpreted caller waits in
 * their conference and a roster agent of the queue, chosen by the presence store, is called into it.
 */
class TwilioInterpreterDeliveryTest {
    private static final String PUBLIC = "https://public.example";
    private static final Instant OPEN = Fixtures.local("2026-11-24T10:00");
    private static final String INTERPRETER = "+15145550181";
    /** The shipped roster's reaches (config/agents.yaml): both take grand-montreal-fr. */
    private static final String AMELIE = "+15145550101";
    private static final String KEVIN = "+15145550104";
    private static final String OURS = "+15145550211";

    private final TestClock clock = new TestClock(OPEN);
    private final RecordingCallEvents reported = new RecordingCallEvents();
    /** What the door told agent delivery, in order: waiting callers and "left <CallSid>". */
    private final List<Object> toldTheQueue = new CopyOnWriteArrayList<>();
    private FakeTwilioRest twilio;
    private AgentDesk desk;
    private TwilioWebhooks hooks;
    private HttpFrontDoor door;
    private TwilioWebhookClient client;

    private void start(Called interpreter) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        twilio = new FakeTwilioRest(PUBLIC, "http://127.0.0.1:" + port);
        twilio.whenDialled(INTERPRETER, interpreter);
        Configuration shipped = Fixtures.shipped();
        Provider provider = new Provider("primary", "primary", INTERPRETER, DtmfTemplate.parse("ww{language}#"),
                new Secrets(Map.of()), Map.of("zh", "103"), "0", Duration.ofSeconds(45), 1, true);
        Configuration cfg = new Configuration(shipped.dir(), shipped.settings(), shipped.regions(), shipped.centres(),
                shipped.calendars(), shipped.flow(), shipped.prompts(), shipped.agents(), new Interpreters(List.of(provider)));
        LiveConfig live = new LiveConfig(cfg, clock, LiveStaffing.UNKNOWN);
        desk = AgentDesk.builder(cfg, twilio.restClient(), clock)
                .publicBaseUrl(PUBLIC)
                .authToken(FakeTwilioRest.AUTH_TOKEN)
                .requeue(caller -> hooks.enqueueTwiml(caller))
                .answered((caller, agent, at) -> hooks.agentAnswered(caller, agent, at))
                .conferences(callId -> hooks.conferenceLeg(callId))
                .build();
        CallerQueue deskQueue = desk.callerQueue();
        CallerQueue watched = new CallerQueue() {
            @Override
            public void waiting(WaitingCaller caller) {
                toldTheQueue.add(caller);
                deskQueue.waiting(caller);
            }

            @Override
            public void left(String callId) {
                toldTheQueue.add("left " + callId);
                deskQueue.left(callId);
            }
        };
        // No configured number: with agent delivery on, the roster brings the agent.
        hooks = TwilioWebhooks.create(live, new TwilioWebhooks.Credentials(PUBLIC, FakeTwilioRest.AUTH_TOKEN),
                reported, watched, new TwilioWebhooks.Interpreting(twilio.restClient(), q -> Optional.empty(), desk::servesQueue));
        List<HttpRoute> routes = new ArrayList<>(hooks.routes());
        for (AgentDesk.Mount m : desk.mounts()) {
            routes.add(new HttpRoute(m.pathPrefix() + "/*", m.handler()));
        }
        door = new HttpFrontDoor(new Settings.Listener("127.0.0.1", port), routes);
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
        if (desk != null) {
            desk.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    private void available(String agent) {
        clock.advance(Duration.ofSeconds(1));
        assertTrue(desk.setPresence(agent, Presence.AVAILABLE));
    }

    /** A Mandarin speaker up to the engine's decision, then in their conference. */
    private Element bridgedMandarinCaller(String sid) {
        TwilioCaller c = new TwilioCaller(client, sid, "+15145550100");
        c.dial();
        c.press("9");
        c.press("1");
        Twiml t = c.press("1");
        assertTrue(t.first("Enqueue").isEmpty(), t.toString());
        Element conf = t.required("Conference");
        twilio.joinConference(sid, conf);
        return conf;
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

    private Optional<Placed> placedTo(String number) {
        return twilio.placed().stream().filter(p -> p.to().equals(number)).findFirst();
    }

    private Activity activity(String agent) {
        return desk.store().state(agent).orElseThrow().activity();
    }

    private List<CallEvent.QueueLeft> queueLeft() {
        return reported.of(CallEvent.QueueLeft.class);
    }

    @Test
    void interpretedCaller_rosterAgentHearsTheWhisperAcceptsAndJoinsTheConference() throws Exception {
        start(Called.ANSWERS);
        available("amelie-roy");
        bridgedMandarinCaller("CA300");

        await(() -> placedTo(AMELIE).isPresent(), "the agent called through the REST API");
        Placed agent = placedTo(AMELIE).get();
        assertTrue(placedTo(INTERPRETER).isPresent(), "the interpreter dialled too");
        assertEquals(OURS, agent.from());
        assertTrue(agent.form().get("Url").startsWith(PUBLIC + "/twilio/agent/whisper?offer="), agent.form().toString());
        assertTrue(agent.form().get("StatusCallback").startsWith(PUBLIC + "/twilio/agent/leg-result?offer="));
        assertEquals("20", agent.form().get("Timeout"));
        await(() -> twilio.participants("aig-CA300").size() == 3, "caller, interpreter and agent in the conference");
        assertTrue(twilio.participants("aig-CA300").contains(agent.sid()));

        String whisper = twilio.webhooks().stream().filter(e -> e.url().contains("/twilio/agent/whisper"))
                .findFirst().orElseThrow().reply().body();
        assertTrue(whisper.contains("Appel en français avec interprète en chinois, région Montréal"), whisper);
        // The caller stayed in the conference: never dequeued nor redirected.
        assertTrue(twilio.requests().stream().noneMatch(r -> r.path().contains("/Members/")
                || r.path().endsWith("/Calls/CA300.json") && r.form().containsKey("Url")), twilio.requests().toString());
        assertEquals(Activity.ON_CALL, activity("amelie-roy"));
        await(() -> !queueLeft().isEmpty(), "answered in the records");
        assertEquals(Event.QueueStatus.ANSWERED, queueLeft().get(0).status());
        assertEquals(Optional.of("amelie-roy"), queueLeft().get(0).agent());
        assertEquals("grand-montreal-fr", queueLeft().get(0).queue());

        clock.advance(Duration.ofMinutes(5));
        twilio.hangsUp(agent.sid());
        await(() -> twilio.conferenceEnded("aig-CA300"), "the agent's leaving ends the conference");
        await(() -> activity("amelie-roy") == Activity.IDLE, "the agent idle again");
        assertEquals(clock.instant(), desk.store().state("amelie-roy").orElseThrow().idleSince());
        assertEquals(1, queueLeft().size(), "answered once, never abandoned");
    }

    @Test
    void agentDoesNotAnswer_theNextAgentIsCalledIn_callerStaysInTheConference() throws Exception {
        start(Called.ANSWERS);
        twilio.whenDialled(AMELIE, Called.NO_ANSWER);
        available("amelie-roy"); // longest idle: offered first
        available("kevin-obrien");
        bridgedMandarinCaller("CA301");

        await(() -> placedTo(KEVIN).isPresent(), "the next agent called");
        Placed kevin = placedTo(KEVIN).get();
        await(() -> twilio.participants("aig-CA301").contains(kevin.sid()), "the next agent in the conference");
        assertTrue(twilio.participants("aig-CA301").contains("CA301"), "the caller never left");
        assertEquals(Presence.AWAY, desk.store().state("amelie-roy").orElseThrow().presence());
        assertEquals(Activity.ON_CALL, activity("kevin-obrien"));
        await(() -> !queueLeft().isEmpty(), "answered in the records");
        assertEquals(Optional.of("kevin-obrien"), queueLeft().get(0).agent());
    }

    @Test
    void agentDeclines_theNextAgentIsCalledIn() throws Exception {
        start(Called.ANSWERS);
        twilio.whenAnswered(AMELIE, AgentDoes.DECLINES);
        available("amelie-roy");
        available("kevin-obrien");
        bridgedMandarinCaller("CA304");
        await(() -> placedTo(KEVIN).isPresent()
                && twilio.participants("aig-CA304").contains(placedTo(KEVIN).get().sid()), "the next agent in the conference");
        assertFalse(twilio.participants("aig-CA304").contains(placedTo(AMELIE).get().sid()));
        assertEquals(Presence.AWAY, desk.store().state("amelie-roy").orElseThrow().presence());
    }

    @Test
    void noAgentAvailable_callerWaitsInTheConferenceHearingTheMessage_thenTheFirstAvailableAgentJoins() throws Exception {
        start(Called.RINGS_ON); // nobody has joined the caller yet: Twilio plays the wait URL
        Element conf = bridgedMandarinCaller("CA302");
        await(() -> placedTo(INTERPRETER).isPresent(), "the interpreter dialled");
        assertTrue(twilio.webhook(conf.getAttribute("waitUrl"), Map.of("AccountSid", FakeTwilioRest.ACCOUNT_SID))
                .body().contains("我们正在为您联系口译员"), "the waiting message in Mandarin");
        assertEquals(List.of("CA302"), desk.store().waiting().stream().map(WaitingCaller::callId).toList());
        assertTrue(desk.store().waiting().get(0).conference());
        assertEquals(1, twilio.placed().size(), "no agent called: none is available");

        clock.advance(Duration.ofSeconds(40));
        available("amelie-roy");
        await(() -> placedTo(AMELIE).isPresent()
                && twilio.participants("aig-CA302").contains(placedTo(AMELIE).get().sid()), "the agent in the conference");
        assertTrue(twilio.participants("aig-CA302").contains("CA302"));
        assertEquals(Activity.ON_CALL, activity("amelie-roy"));
    }

    @Test
    void callerHangsUpWhileTheAgentsPhoneRings_isAbandoned_andTheAgentStaysAvailable() throws Exception {
        start(Called.RINGS_ON);
        twilio.whenDialled(AMELIE, Called.RINGS_ON);
        available("amelie-roy");
        bridgedMandarinCaller("CA305");
        await(() -> placedTo(AMELIE).isPresent(), "the agent called");
        twilio.hangsUp("CA305");
        new TwilioCaller(client, "CA305", "+15145550100").hangUp();
        twilio.settle();
        assertEquals(Activity.OFFERED, activity("amelie-roy"), "still ringing");
        twilio.ringsOut(placedTo(AMELIE).get().sid());
        await(() -> activity("amelie-roy") == Activity.IDLE, "the agent free again");
        assertEquals(Presence.AVAILABLE, desk.store().state("amelie-roy").orElseThrow().presence());
        assertTrue(desk.store().waiting().isEmpty());
        assertEquals(List.of(Event.QueueStatus.ABANDONED), queueLeft().stream().map(CallEvent.QueueLeft::status).toList());
    }

    @Test
    void bridgedCaller_isReportedOnceAsWaitingInTheConference_neverWaitingThenLeft() throws Exception {
        start(Called.RINGS_ON);
        bridgedMandarinCaller("CA303");
        twilio.settle();
        assertEquals(1, toldTheQueue.size(), toldTheQueue.toString());
        WaitingCaller w = (WaitingCaller) toldTheQueue.get(0);
        assertEquals("CA303", w.callId());
        assertEquals("grand-montreal-fr", w.queue());
        assertEquals("zh", w.interpreterLanguage());
        assertTrue(w.conference());

        clock.advance(Duration.ofSeconds(30));
        twilio.hangsUp("CA303");
        new TwilioCaller(client, "CA303", "+15145550100").hangUp();
        assertEquals(List.of(w, "left CA303"), toldTheQueue);
        assertTrue(desk.store().waiting().isEmpty());
        assertEquals(1, queueLeft().size());
        assertEquals(Event.QueueStatus.ABANDONED, queueLeft().get(0).status());
        assertEquals("grand-montreal-fr", queueLeft().get(0).queue());
    }
}
