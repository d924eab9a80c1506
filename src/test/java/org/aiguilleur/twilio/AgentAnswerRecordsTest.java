package org.aiguilleur.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.records.Records;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.HttpFrontDoor;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TestClock;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.Twiml;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Twilio call that agent delivery dequeues to ring an agent is answered only when an agent takes
 * it ({@link TwilioWebhooks#agentAnswered}, what the agents' desk calls), and the record in the real
 * database says so: answered by whom, time in queue up to that instant, handle time after it; or
 * abandoned in the queue when nobody took it.
 */
class AgentAnswerRecordsTest {
    static final Instant OPEN = Fixtures.local("2026-11-24T10:00");
    private final TestClock clock = new TestClock(OPEN);
    private Records records;
    private HttpFrontDoor door;
    private TwilioWebhooks hooks;
    private TwilioWebhookClient client;

    @BeforeEach
    void start(@TempDir Path tmp) throws Exception {
        Configuration cfg = ConfigFixture.copyOfShipped(tmp).loadsCleanly();
        records = Records.open(cfg, Clock.fixed(OPEN, Fixtures.QUEBEC), token -> Optional.empty(), Map.of());
        LiveConfig live = new LiveConfig(cfg, clock, LiveStaffing.UNKNOWN);
        hooks = TwilioWebhooks.create(live, Map.of(TwilioWebhooks.TOKEN_ENV, TwilioServer.TOKEN,
                TwilioWebhooks.URL_ENV, TwilioServer.PUBLIC), records.events(), CallerQueue.NONE);
        door = new HttpFrontDoor(new Settings.Listener("127.0.0.1", 0), hooks.routes());
        door.start();
        client = new TwilioWebhookClient(TwilioServer.PUBLIC, java.net.URI.create("http://127.0.0.1:" + door.port()),
                TwilioServer.TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        door.close();
        records.close();
    }

    /** A Montréal caller who chose French and housing: in grand-montreal-fr. */
    private TwilioCaller queued(String sid) {
        TwilioCaller c = new TwilioCaller(client, sid, "+15145550100");
        c.dial();
        c.press("1");
        assertEquals("grand-montreal-fr", c.press("1").required("Enqueue").getTextContent());
        return c;
    }

    /** Agent delivery dequeues the caller to ring an agent: Twilio ends the {@code <Enqueue>}. */
    private void dequeued(TwilioCaller c) {
        c.leaveQueue("redirected");
    }

    /**
     * The agent missed: agent delivery answers the door's {@code <Enqueue>} for the caller, and later
     * dequeues them again to ring the next agent (Twilio then posts that Enqueue's action).
     */
    private void requeuedThenDequeuedAgain(TwilioCaller c, String sid, Duration waitedAgain) {
        Twiml back = Twiml.parse(hooks.enqueueTwiml(waiting(sid)));
        clock.advance(waitedAgain);
        Map<String, String> p = c.params();
        p.put("QueueResult", "redirected");
        assertEquals(200, client.post(client.pathOf(back.required("Enqueue").getAttribute("action")), p).status());
    }

    private WaitingCaller waiting(String sid) {
        return new WaitingCaller(sid, "grand-montreal-fr", "fr-CA", "montreal", "housing", "", OPEN);
    }

    private Map<String, Object> record(String sid) throws Exception {
        assertTrue(records.recorder().awaitStored(Duration.ofSeconds(20)), records.recorder().stats().toString());
        return records.store().call(sid).orElseThrow(() -> new AssertionError("no record of " + sid));
    }

    private static long ms(Map<String, Object> r, String column) {
        return ((Number) r.get(column)).longValue();
    }

    @Test
    void answeredByTheFirstAgent_queueTimeToTheAnswer_handleTimeToTheEnd() throws Exception {
        TwilioCaller c = queued("CAA1");
        clock.advance(Duration.ofSeconds(30));
        dequeued(c);
        clock.advance(Duration.ofSeconds(10)); // the agent's phone rings, the whisper plays
        hooks.agentAnswered(waiting("CAA1"), "amelie-roy", clock.instant());
        clock.advance(Duration.ofMinutes(4));
        c.hangUp();
        Map<String, Object> r = record("CAA1");
        assertEquals(true, r.get("answered"), r.toString());
        assertEquals("amelie-roy", r.get("agent"));
        assertEquals(null, r.get("abandoned_in"));
        assertEquals(40_000L, ms(r, "queue_ms"));
        assertEquals(240_000L, ms(r, "handle_ms"));
    }

    @Test
    void missedByOneAgent_answeredByTheNext_countsTheWholeWait() throws Exception {
        TwilioCaller c = queued("CAA2");
        clock.advance(Duration.ofSeconds(20));
        dequeued(c);
        clock.advance(Duration.ofSeconds(20)); // Amélie does not answer: back in the queue
        requeuedThenDequeuedAgain(c, "CAA2", Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(5));
        hooks.agentAnswered(waiting("CAA2"), "kevin-obrien", clock.instant());
        clock.advance(Duration.ofMinutes(3));
        c.hangUp();
        Map<String, Object> r = record("CAA2");
        assertEquals(true, r.get("answered"), r.toString());
        assertEquals("kevin-obrien", r.get("agent"));
        assertEquals(105_000L, ms(r, "queue_ms"));
        assertEquals(180_000L, ms(r, "handle_ms"));
    }

    @Test
    void missedThenTheCallerHangsUp_isAbandonedInTheQueue() throws Exception {
        TwilioCaller c = queued("CAA3");
        clock.advance(Duration.ofSeconds(20));
        dequeued(c);
        clock.advance(Duration.ofSeconds(20));
        hooks.enqueueTwiml(waiting("CAA3"));
        clock.advance(Duration.ofSeconds(50));
        c.hangUp();
        Map<String, Object> r = record("CAA3");
        assertEquals(false, r.get("answered"), r.toString());
        assertEquals("queue", r.get("abandoned_in"));
        assertEquals(null, r.get("agent"));
        assertEquals(90_000L, ms(r, "queue_ms"));
        assertEquals(null, r.get("handle_ms"));
    }

    @Test
    void callerWhoHangsUpWhileAnAgentRings_isAbandonedInTheQueue() throws Exception {
        TwilioCaller c = queued("CAA4");
        clock.advance(Duration.ofSeconds(25));
        dequeued(c);
        clock.advance(Duration.ofSeconds(8));
        c.hangUp();
        Map<String, Object> r = record("CAA4");
        assertEquals(false, r.get("answered"), r.toString());
        assertEquals("queue", r.get("abandoned_in"));
        assertEquals(33_000L, ms(r, "queue_ms"));
    }
}
