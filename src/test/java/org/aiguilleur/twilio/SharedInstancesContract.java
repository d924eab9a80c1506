package org.aiguilleur.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.aiguilleur.agents.AgentDesk;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.agents.presence.Activity;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.flow.Event;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallRecorder;
import org.aiguilleur.records.CallerHash;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.HttpFrontDoor;
import org.aiguilleur.server.HttpRoute;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.FakeTwilioRest;
import org.aiguilleur.testing.FakeTwilioRest.Recorded;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.RecordingCallEvents;
import org.aiguilleur.testing.SharedDatabases;
import org.aiguilleur.testing.TestClock;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Twilio server instances behind a (pretend) load balancer, each its own Jetty, pool, agent desk
 * and records writer, sharing one records database: a caller who entered on A is dequeued to an
 * agent who became available on B, and a hang-up that reaches B for a call A holds reaches A's
 * engine, which records it once. Run on H2 and on PostgreSQL.
 */
abstract class SharedInstancesContract {
    private static final String PUBLIC = "https://public.example";
    private static final String AMELIE_TOKEN = "amelie-token-0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c";
    private static final Duration BID_WINDOW = Duration.ofMillis(2500);
    private static final Duration ORPHAN_AFTER = Duration.ofSeconds(10);
    private final TestClock clock = new TestClock(Fixtures.local("2026-11-24T10:00"));
    /** Everything both instances reported, in order. */
    private final RecordingCallEvents reported = new RecordingCallEvents();
    private FakeTwilioRest twilio;
    private Instance a;
    private Instance b;
    private String url;

    /** A fresh database both instances open. */
    abstract String databaseUrl(Path tmp) throws Exception;

    @BeforeEach
    void start(@TempDir Path tmp) throws Exception {
        url = databaseUrl(tmp);
        a = new Instance(url, tmp.resolve("a"));
        b = new Instance(url, tmp.resolve("b"));
        // Twilio fetches the agents' URLs from A: the offers were made on B, the store is shared.
        twilio = new FakeTwilioRest(PUBLIC, "http://127.0.0.1:" + a.door.port());
        a.startDesk();
        b.startDesk();
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (twilio != null) {
            twilio.close();
        }
        if (url != null) {
            SharedDatabases.dropPostgresSchema(url);
        }
    }

    @Test
    void callerWhoEnteredOnA_isDequeuedToTheAgentWhoBecameAvailableOnB() throws Exception {
        TwilioCaller onA = queued(a, "CAS1");
        twilio.callWaiting("CAS1", "grand-montreal-fr");
        await(() -> b.desk.store().waiting().stream().anyMatch(w -> w.callId().equals("CAS1")), "CAS1 in the shared line");

        assertEquals(200, presence(b, "available"));
        Recorded dequeue = twilio.requests().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertTrue(dequeue.path().matches(".*/Queues/QU\\w{32}/Members/CAS1\\.json"), dequeue.path());
        assertTrue(dequeue.form().get("Url").startsWith(PUBLIC + "/twilio/agent/connect?offer="), dequeue.form().toString());
        assertEquals(Activity.OFFERED, a.desk.store().state("amelie-roy").orElseThrow().activity());

        onA.leaveQueue("redirected");
        twilio.dial("CAS1", twilio.fetchRedirect("CAS1"), FakeTwilioRest.AgentDoes.ACCEPTS);
        List<CallEvent.QueueLeft> left = reported.of(CallEvent.QueueLeft.class);
        assertEquals(1, left.size(), left.toString());
        assertEquals(Event.QueueStatus.ANSWERED, left.get(0).status());
        assertEquals(java.util.Optional.of("amelie-roy"), left.get(0).agent());
        // The conversation ended (the fake's Dial completed): idle again, on both instances' view.
        assertEquals(Activity.IDLE, b.desk.store().state("amelie-roy").orElseThrow().activity());
        assertEquals(List.of(), a.desk.store().waiting());
    }

    @Test
    void hangUpReachingB_forACallWaitingOnA_reachesAsEngine_andIsRecordedOnce() throws Exception {
        queued(a, "CAS2");
        await(() -> b.desk.store().waiting().stream().anyMatch(w -> w.callId().equals("CAS2")), "CAS2 in the shared line");
        Instant enqueued = clock.instant();
        clock.advance(Duration.ofSeconds(42));
        Instant hungUp = clock.instant();
        assertEquals(200, new TwilioCaller(b.client, "CAS2", "+15145550100").hangUp().status());
        await(() -> b.desk.store().waiting().isEmpty(), "the caller out of the shared line");
        assertEquals(List.of(), reported.of(CallEvent.CallEnded.class), "B does not end a call it does not hold");
        pollUntilHandled("CAS2");

        List<CallEvent.QueueLeft> left = reported.of(CallEvent.QueueLeft.class);
        assertEquals(1, left.size(), left.toString());
        assertEquals(Event.QueueStatus.ABANDONED, left.get(0).status());
        assertEquals(hungUp, left.get(0).at(), "at the hang-up's time, not the poll's");
        assertEquals(List.of(new CallEvent.CallEnded("CAS2", hungUp)), reported.of(CallEvent.CallEnded.class));
        Map<String, Object> r = a.record("CAS2");
        assertEquals("queue", r.get("abandoned_in"), r.toString());
        assertEquals(Duration.between(enqueued, hungUp).toMillis(), ((Number) r.get("queue_ms")).longValue());
        assertEquals(3, appliedEvents("CAS2"), "IvrEnded, QueueLeft, CallEnded: each once");
    }

    @Test
    void hangUpReachingB_forACallInAsMenus_endsItsIvrOnce() throws Exception {
        TwilioCaller onA = new TwilioCaller(a.client, "CAS3", "+15145550100");
        onA.dial();
        clock.advance(Duration.ofSeconds(7));
        Instant hungUp = clock.instant();
        new TwilioCaller(b.client, "CAS3", "+15145550100").hangUp();
        pollUntilHandled("CAS3");
        List<CallEvent.IvrEnded> ivr = reported.of(CallEvent.IvrEnded.class);
        assertEquals(1, ivr.size(), ivr.toString());
        assertEquals(hungUp, ivr.get(0).at());
        Map<String, Object> r = a.record("CAS3");
        assertEquals("ivr", r.get("abandoned_in"), r.toString());
        assertEquals(2, appliedEvents("CAS3"), "IvrEnded and CallEnded: each once");
    }

    @Test
    void hangUpReachingAnInstanceWithAnOlderCopy_isHeardByTheNewestCopy_andTheOlderIsDropped() throws Exception {
        // A load balancer: each webhook of the call goes where `target` points.
        java.util.concurrent.atomic.AtomicReference<URI> target = new java.util.concurrent.atomic.AtomicReference<>(a.local());
        TwilioCaller c = new TwilioCaller(new TwilioWebhookClient(PUBLIC, target::get, FakeTwilioRest.AUTH_TOKEN), "CAS5",
                "+15145550100");
        c.dial();
        target.set(b.local()); // B rebuilds the call from the token and takes the language key
        c.press("1");
        target.set(a.local()); // A's copy is older: it rebuilds too, and takes the need key
        assertEquals("grand-montreal-fr", c.press("1").required("Enqueue").getTextContent());
        await(() -> b.desk.store().waiting().stream().anyMatch(w -> w.callId().equals("CAS5")), "CAS5 in the shared line");
        clock.advance(Duration.ofSeconds(30));
        Instant hungUp = clock.instant();
        target.set(b.local()); // B's copy stopped at the need menu; the hang-up reaches B all the same
        assertEquals(200, c.hangUp().status());
        pollUntilHandled("CAS5");
        assertEquals(1, reported.of(CallEvent.IvrEnded.class).size(), "the older copy ended no IVR");
        List<CallEvent.QueueLeft> left = reported.of(CallEvent.QueueLeft.class);
        assertEquals(List.of(Event.QueueStatus.ABANDONED), left.stream().map(CallEvent.QueueLeft::status).toList());
        assertEquals(hungUp, left.get(0).at());
        assertEquals(List.of(new CallEvent.CallEnded("CAS5", hungUp)), reported.of(CallEvent.CallEnded.class));
        // B dropped its copy: Twilio's late queue result there reports nothing more.
        c.leaveQueue("hangup");
        assertEquals(1, reported.of(CallEvent.QueueLeft.class).size(), reported.all().toString());
        assertEquals(3, appliedEvents("CAS5"), "IvrEnded, QueueLeft, CallEnded: each once");
    }

    @Test
    void hangUpForACallNoInstanceHolds_isRecordedOnce_afterTheOrphanDelay() throws Exception {
        new TwilioCaller(b.client, "CAS4", "+15145550100").hangUp();
        Instant hungUp = clock.instant();
        b.hangUps.poll();
        clock.advance(ORPHAN_AFTER.minusSeconds(1));
        assertEquals(0, a.hangUps.poll(), "its instance may still claim it");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, a.hangUps.poll());
        assertEquals(0, b.hangUps.poll());
        assertEquals(List.of(new CallEvent.CallEnded("CAS4", hungUp)), reported.of(CallEvent.CallEnded.class));
    }

    /**
     * Polls as the instances' schedulers would: B writes the hang-up, both bid, and after the bid
     * window exactly one claims it; further polls change nothing.
     */
    private void pollUntilHandled(String sid) throws Exception {
        assertEquals(List.of(), reported.of(CallEvent.CallEnded.class), sid + " ended before the bid window");
        int handled = b.hangUps.poll() + a.hangUps.poll() + b.hangUps.poll();
        assertEquals(0, handled, "nobody claims before the bid window");
        clock.advance(BID_WINDOW.plusMillis(500));
        handled = a.hangUps.poll() + b.hangUps.poll();
        handled += a.hangUps.poll() + b.hangUps.poll();
        assertEquals(1, handled, "exactly one instance handles the hang-up");
    }

    /** A Montréal caller who chose French and housing, on {@code door}: in grand-montreal-fr. */
    private TwilioCaller queued(Instance door, String sid) {
        TwilioCaller c = new TwilioCaller(door.client, sid, "+15145550100");
        c.dial();
        c.press("1");
        assertEquals("grand-montreal-fr", c.press("1").required("Enqueue").getTextContent());
        return c;
    }

    private int presence(Instance door, String presence) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.door.port() + "/api/agents/me/presence"))
                .header("Authorization", "Bearer " + AMELIE_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"presence\":\"" + presence + "\"}")).build();
        return HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int appliedEvents(String sid) throws Exception {
        a.recorder.awaitStored(Duration.ofSeconds(20));
        b.recorder.awaitStored(Duration.ofSeconds(20));
        try (Connection c = a.db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM applied_event WHERE call_id = ?")) {
            s.setString(1, sid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** One server instance: its own pool, records writer, agent desk, webhooks and Jetty. */
    private final class Instance implements AutoCloseable {
        final Database db;
        final CallRecorder recorder;
        final RecordStore store;
        final Configuration config = Fixtures.shipped();
        final LiveConfig live = new LiveConfig(config, clock, LiveStaffing.UNKNOWN);
        final HttpFrontDoor door;
        final TwilioWebhooks hooks;
        final SharedHangUps hangUps;
        final TwilioWebhookClient client;
        final DeskRoutes routes = new DeskRoutes();
        AgentDesk desk;

        Instance(String url, Path dir) throws Exception {
            java.nio.file.Files.createDirectories(dir);
            db = SharedDatabases.open(url, 4);
            store = new RecordStore(db, Centres.of(config));
            recorder = CallRecorder.start(store, dir.resolve("journal.jsonl"), new CallerHash(new byte[32]), 10_000, 100,
                    Duration.ofMillis(100), Duration.ofSeconds(1));
            hooks = TwilioWebhooks.create(live, new TwilioWebhooks.Credentials(PUBLIC, FakeTwilioRest.AUTH_TOKEN),
                    e -> {
                        reported.emit(e);
                        recorder.emit(e);
                    }, routes);
            hangUps = hooks.shareHangUps(db, BID_WINDOW, ORPHAN_AFTER);
            List<HttpRoute> all = new ArrayList<>(hooks.routes());
            all.add(new HttpRoute("/api/agents/*", routes));
            all.add(new HttpRoute("/twilio/agent/*", routes));
            door = new HttpFrontDoor(new Settings.Listener("127.0.0.1", 0), all);
            door.start();
            client = new TwilioWebhookClient(PUBLIC, URI.create("http://127.0.0.1:" + door.port()), FakeTwilioRest.AUTH_TOKEN);
        }

        /** The desk needs the fake Twilio, which needs a port first. */
        void startDesk() {
            desk = AgentDesk.builder(config, twilio.restClient(), clock)
                    .publicBaseUrl(PUBLIC)
                    .authToken(FakeTwilioRest.AUTH_TOKEN)
                    .environment(Map.of(AgentTokens.ENV_TOKENS, "amelie-roy " + AgentTokens.hashOf(AMELIE_TOKEN)))
                    .executor(Runnable::run)
                    .sharedStore(db)
                    .requeue(hooks::enqueueTwiml)
                    .answered(hooks::agentAnswered)
                    .build();
            routes.desk = desk;
        }

        URI local() {
            return URI.create("http://127.0.0.1:" + door.port());
        }

        Map<String, Object> record(String sid) throws Exception {
            assertTrue(recorder.awaitStored(Duration.ofSeconds(20)), recorder.stats().toString());
            return store.call(sid).orElseThrow(() -> new AssertionError("no record of " + sid));
        }

        @Override
        public void close() throws Exception {
            door.close();
            hooks.close();
            if (desk != null) {
                desk.close();
            }
            recorder.close();
            db.close();
        }
    }

    /**
     * The desk's caller queue and handlers, once the desk exists (the door is built first, as in
     * FrontDoors, where the desk's requeue points back at the door).
     */
    private static final class DeskRoutes extends org.eclipse.jetty.server.Handler.Abstract
            implements org.aiguilleur.agents.CallerQueue {
        volatile AgentDesk desk;

        @Override
        public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                              org.eclipse.jetty.util.Callback callback) throws Exception {
            for (AgentDesk.Mount m : desk.mounts()) {
                if (m.handler().handle(request, response, callback)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void waiting(WaitingCaller caller) {
            desk.callerQueue().waiting(caller);
        }

        @Override
        public void left(String callId) {
            desk.callerQueue().left(callId);
        }
    }
}
