package org.aiguilleur.records.store;

import static org.aiguilleur.testing.CallEventsFixture.abandoned;
import static org.aiguilleur.testing.CallEventsFixture.answered;
import static org.aiguilleur.testing.CallEventsFixture.callback;
import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.aiguilleur.testing.CallEventsFixture.interpreted;
import static org.aiguilleur.testing.CallEventsFixture.interpreter;
import static org.aiguilleur.testing.CallEventsFixture.ivrEnded;
import static org.aiguilleur.testing.CallEventsFixture.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.CallRecorder;
import org.aiguilleur.records.CallerHash;
import org.aiguilleur.records.StoredEvent;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TcpProxy;
import org.aiguilleur.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every records database must do, run on H2 and on PostgreSQL by the subclasses: one record per
 * call from its events, each event applied once, coding, call-backs, purging, and the recorder
 * surviving the database going away mid-traffic.
 */
abstract class RecordStoreContract {
    static final Instant T0 = Fixtures.local("2026-11-24T10:00");
    static final CallerHash HASH = new CallerHash("a test secret of enough bytes".getBytes());

    @TempDir
    Path tmp;
    TestDatabases.Target target;
    Database db;
    RecordStore store;

    abstract TestDatabases.Target target(Path dir) throws Exception;

    /** The user for {@link Database#open} (null: the URL names it). */
    abstract String user();

    @BeforeEach
    void open() throws Exception {
        target = target(tmp);
        target.wipe();
        db = Database.open(target.url(target.port()), user(), Optional.empty(), 4);
        store = new RecordStore(db, Centres.of(Fixtures.shipped()));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (target != null) {
            target.close();
        }
    }

    static StoredEvent stored(String id, CallEvent e) {
        String hash = e instanceof CallEvent.IvrEnded ivr ? HASH.hash(ivr.start().callerId()) : null;
        return new StoredEvent(id, e, hash);
    }

    static List<StoredEvent> answeredCall(String callId) {
        return List.of(
                stored(callId + "-1", ivrEnded(callId, "+15145550100", T0, Duration.ofSeconds(40),
                        result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "housing"))),
                stored(callId + "-2", answered(callId, T0.plusSeconds(70), "grand-montreal-fr", "agent-7")),
                stored(callId + "-3", ended(callId, T0.plusSeconds(370))));
    }

    @Test
    void eventsOfACall_makeOneRecordWithItsDurations() throws Exception {
        assertEquals(3, store.apply(answeredCall("CA1")));
        Map<String, Object> r = store.call("CA1").orElseThrow();
        assertEquals("twilio", r.get("door"));
        assertEquals(T0.toString(), r.get("started_at"));
        assertEquals(HASH.hash("5145550100"), r.get("caller_hash"));
        assertEquals("montreal", r.get("region"));
        assertEquals("fr", r.get("caller_language"));
        assertEquals("housing", r.get("need"));
        assertEquals("language=1 need=1", r.get("menu_path"));
        assertEquals("queued", r.get("outcome"));
        assertEquals("grand-montreal-fr", r.get("queue_name"));
        assertEquals("grand-montreal", r.get("centre"));
        assertEquals(40_000L, ((Number) r.get("ivr_ms")).longValue());
        assertEquals(30_000L, ((Number) r.get("queue_ms")).longValue());
        assertEquals(300_000L, ((Number) r.get("handle_ms")).longValue());
        assertEquals(true, r.get("answered"));
        assertEquals("agent-7", r.get("agent"));
        assertNull(r.get("abandoned_in"));
        assertArrayEquals(new long[] {1, 3}, store.counts());
    }

    @Test
    void noColumnHoldsTheCallerNumber() throws Exception {
        store.apply(answeredCall("CA1"));
        for (Object v : store.call("CA1").orElseThrow().values()) {
            assertFalse(String.valueOf(v).contains("5550100"), "a column holds the caller's digits: " + v);
        }
    }

    @Test
    void sameEventAgain_isAppliedOnce_inALaterBatchOrTheSameOne() throws Exception {
        StoredEvent start = stored("e1", ivrEnded("CA2", "5145550100", T0, Duration.ofSeconds(20),
                interpreter("grand-montreal-fr", "es", "montreal", "food")));
        StoredEvent attempt = stored("e2", interpreted("CA2", T0.plusSeconds(30), "es", Duration.ofSeconds(12),
                Duration.ofMinutes(6)));
        assertEquals(2, store.apply(List.of(start, attempt, attempt)));
        assertEquals(0, store.apply(List.of(attempt, start)));
        Map<String, Object> r = store.call("CA2").orElseThrow();
        assertEquals(1, ((Number) r.get("interpreter_attempts")).intValue());
        assertEquals(360_000L, ((Number) r.get("interpreter_ms")).longValue());
        assertEquals(12_000L, ((Number) r.get("interpreter_connect_ms")).longValue());
        assertEquals("languageline", r.get("interpreter_provider"));
        assertEquals("es", r.get("interpreter_language"));
        assertArrayEquals(new long[] {1, 2}, store.counts());
    }

    @Test
    void eventsInAnotherOrder_giveTheSameRecord() throws Exception {
        List<StoredEvent> events = new ArrayList<>(answeredCall("CA3"));
        java.util.Collections.reverse(events);
        for (StoredEvent e : events) {
            store.apply(List.of(e));
        }
        Map<String, Object> r = store.call("CA3").orElseThrow();
        assertEquals(30_000L, ((Number) r.get("queue_ms")).longValue());
        assertEquals(300_000L, ((Number) r.get("handle_ms")).longValue());
        assertEquals(T0.plusSeconds(40).toString(), r.get("first_event_at"), "the earliest event: the end of the IVR");
    }

    @Test
    void overflowToAnotherCentre_waitsFromTheFirstHandOver_andEndsInTheLastQueue() throws Exception {
        List<StoredEvent> events = List.of(
                stored("o1", ivrEnded("OV", "5145550100", T0, Duration.ofSeconds(30),
                        result(Outcome.QUEUED, "quebec-regions-fr", "fr", "capitale-nationale", "food"))),
                stored("o2", new CallEvent.QueueLeft("OV", T0.plusSeconds(150), "quebec-regions-fr",
                        org.aiguilleur.flow.Event.QueueStatus.TIMEOUT, Optional.empty())),
                stored("o3", ivrEnded("OV", "5145550100", T0, Duration.ofSeconds(155),
                        result(Outcome.QUEUED, "grand-montreal-fr", "fr", "capitale-nationale", "food"))),
                stored("o4", answered("OV", T0.plusSeconds(200), "grand-montreal-fr", "agent-9")),
                stored("o5", ended("OV", T0.plusSeconds(500))));
        List<StoredEvent> reversed = new ArrayList<>(events);
        java.util.Collections.reverse(reversed);
        List<StoredEvent> renamed = new ArrayList<>();
        for (StoredEvent e : reversed) {
            CallEvent ev = e.event();
            // The same call under another id, its events applied one by one in reverse order.
            renamed.add(stored("r" + e.id(), rename(ev, "OR")));
        }
        store.apply(events);
        for (StoredEvent e : renamed) {
            store.apply(List.of(e));
        }
        for (String id : List.of("OV", "OR")) {
            Map<String, Object> r = store.call(id).orElseThrow();
            assertEquals(30_000L, ((Number) r.get("ivr_ms")).longValue(), id);
            assertEquals(170_000L, ((Number) r.get("queue_ms")).longValue(), id + ": from the first hand-over to the answer");
            assertEquals(300_000L, ((Number) r.get("handle_ms")).longValue(), id);
            assertEquals("grand-montreal-fr", r.get("queue_name"), id);
            assertEquals("grand-montreal", r.get("centre"), id);
            assertEquals("answered", r.get("queue_status"), id);
            assertEquals("agent-9", r.get("agent"), id);
            assertNull(r.get("abandoned_in"), id);
        }
    }

    static CallEvent rename(CallEvent e, String id) {
        if (e instanceof CallEvent.IvrEnded i) {
            return new CallEvent.IvrEnded(id, i.at(), new org.aiguilleur.flow.CallStart(id, "twilio", "5145550100", ""),
                    i.startedAt(), i.result());
        } else if (e instanceof CallEvent.QueueLeft q) {
            return new CallEvent.QueueLeft(id, q.at(), q.queue(), q.status(), q.agent());
        }
        return new CallEvent.CallEnded(id, e.at());
    }

    @Test
    void everyQueueFailed_endsAfterHoursAllBusy_yetCountsAsQueuedAndNotAnswered() throws Exception {
        CallResult busy = new CallResult(Optional.of(Outcome.AFTER_HOURS), Optional.empty(), Optional.of("fr"),
                Optional.of("montreal"), Optional.of("number"), Optional.of("food"), Optional.empty(), Optional.empty(),
                Optional.of(false), Optional.empty(), Optional.of("all-busy"), List.of("language=1", "need=2"),
                List.of(), Optional.empty(), Optional.empty());
        store.apply(List.of(
                stored("b1", ivrEnded("AB", "5145550100", T0, Duration.ofSeconds(30),
                        result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food"))),
                stored("b2", new CallEvent.QueueLeft("AB", T0.plusSeconds(930), "grand-montreal-fr",
                        org.aiguilleur.flow.Event.QueueStatus.TIMEOUT, Optional.empty())),
                stored("b3", ivrEnded("AB", "5145550100", T0, Duration.ofSeconds(935), busy)),
                stored("b4", ended("AB", T0.plusSeconds(960)))));
        Map<String, Object> r = store.call("AB").orElseThrow();
        assertEquals("after-hours", r.get("outcome"));
        assertEquals("all-busy", r.get("closed_reason"));
        assertEquals("grand-montreal-fr", r.get("queue_name"), "the queue it waited in");
        assertEquals(900_000L, ((Number) r.get("queue_ms")).longValue());
        List<ReportRow> rows = new ArrayList<>();
        store.calls(T0.minusSeconds(1), T0.plusSeconds(3600), rows::add);
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).queued(), "waited in a queue: in the service level's denominator");
        assertFalse(rows.get(0).answered());
    }

    @Test
    void hangUpInTheQueue_isAbandonedInTheQueue_andInTheMenus_inTheIvr() throws Exception {
        store.apply(List.of(stored("a1", ivrEnded("CA4", "anonymous", T0, Duration.ofSeconds(30),
                        result(Outcome.QUEUED, "quebec-regions-en", "en", "capitale-nationale", "food"))),
                stored("a2", abandoned("CA4", T0.plusSeconds(90), "quebec-regions-en")),
                stored("a3", ivrEnded("CA5", "5145550100", T0, Duration.ofSeconds(15),
                        result(null, null, "fr", null, null)))));
        Map<String, Object> q = store.call("CA4").orElseThrow();
        assertEquals("queue", q.get("abandoned_in"));
        assertEquals(false, q.get("answered"));
        assertNull(q.get("caller_hash"), "a withheld number has no hash");
        assertEquals("quebec-regions", q.get("centre"));
        Map<String, Object> ivr = store.call("CA5").orElseThrow();
        assertEquals("ivr", ivr.get("abandoned_in"));
        assertEquals("hangup", ivr.get("outcome"));
        assertEquals("grand-montreal", ivr.get("centre"), "unknown region: the default centre");
    }

    @Test
    void coding_replacesTheNeedsAndReferrals_andNeedsARecord() throws Exception {
        store.apply(answeredCall("CA6"));
        assertTrue(store.code("CA6", List.of(new NeedCode("food", Optional.empty(), true, Optional.empty())),
                List.of(), "agent-7", T0.plusSeconds(400)));
        assertTrue(store.code("CA6", List.of(
                        new NeedCode("housing", Optional.of("BH-1800.8500"), false, Optional.of("waiting-list")),
                        new NeedCode("food", Optional.empty(), true, Optional.empty())),
                List.of(new Referral("food", "Moisson Montréal")), "agent-8", T0.plusSeconds(500)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> needs = (List<Map<String, Object>>) store.call("CA6").orElseThrow().get("needs");
        assertEquals(2, needs.size());
        assertEquals("housing", needs.get(0).get("need"));
        assertEquals("BH-1800.8500", needs.get(0).get("taxonomy"));
        assertEquals(false, needs.get(0).get("met"));
        assertEquals("waiting-list", needs.get(0).get("reason"));
        assertEquals("agent-8", needs.get(0).get("coded_by"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refs = (List<Map<String, Object>>) store.call("CA6").orElseThrow().get("referrals");
        assertEquals(List.of(Map.of("need", "food", "referred_to", "Moisson Montréal")), refs);
        assertFalse(store.code("nope", List.of(), List.of(), "agent-7", T0));
    }

    @Test
    void callbacks_areListedUntilClosed_andCloseOnce() throws Exception {
        store.apply(List.of(stored("c1", ivrEnded("CB1", "5145550100", T0, Duration.ofSeconds(50),
                callback("fr", "montreal", "food", "https://recordings.example/RE1")))));
        store.apply(answeredCall("CA7"));
        List<CallbackRequest> open = store.callbacks(true, 100);
        assertEquals(1, open.size());
        assertEquals("CB1", open.get(0).callId());
        assertEquals(Optional.of("https://recordings.example/RE1"), open.get(0).recording());
        assertEquals(RecordStore.CloseResult.CLOSED, store.closeCallback("CB1", "agent-2", "reached", T0.plusSeconds(3600)));
        assertEquals(RecordStore.CloseResult.ALREADY_CLOSED, store.closeCallback("CB1", "agent-3", "no-answer", T0));
        assertEquals(RecordStore.CloseResult.NOT_REQUESTED, store.closeCallback("CA7", "agent-3", "reached", T0));
        assertEquals(RecordStore.CloseResult.NO_SUCH_CALL, store.closeCallback("CX", "agent-3", "reached", T0));
        assertTrue(store.callbacks(true, 100).isEmpty());
        CallbackRequest closed = store.callbacks(false, 100).get(0);
        assertEquals(Optional.of("agent-2"), closed.handledBy());
        assertEquals(Optional.of("reached"), closed.outcome());
        // A replayed IvrEnded does not reopen it.
        store.apply(List.of(stored("c1-again", ivrEnded("CB1", "5145550100", T0, Duration.ofSeconds(50),
                callback("fr", "montreal", "food", "https://recordings.example/RE1")))));
        assertTrue(store.callbacks(true, 100).isEmpty());
    }

    @Test
    void purge_removesRecordsOlderThanTheCutoff_withTheirCoding() throws Exception {
        store.apply(answeredCall("OLD"));
        store.code("OLD", List.of(new NeedCode("food", Optional.empty(), true, Optional.empty())), List.of(), "a", T0);
        List<StoredEvent> recent = List.of(stored("n1", ivrEnded("NEW", "5145550100", T0.plus(Duration.ofDays(10)),
                Duration.ofSeconds(5), result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food"))));
        store.apply(recent);
        assertEquals(1, store.purgeBefore(T0.plus(Duration.ofDays(5))));
        assertTrue(store.call("OLD").isEmpty());
        assertTrue(store.call("NEW").isPresent());
        assertArrayEquals(new long[] {1, 1}, store.counts());
    }

    @Test
    void databaseGoesAwayMidTraffic_everyRecordArrivesExactlyOnce() throws Exception {
        int calls = 300;
        try (TcpProxy proxy = new TcpProxy(target.host(), target.port());
             Database through = Database.open(target.url(proxy.port()), user(), Optional.empty(), 2)) {
            RecordStore viaProxy = new RecordStore(through, Centres.of(Fixtures.shipped()));
            CallRecorder recorder = CallRecorder.start(viaProxy, tmp.resolve("journal.jsonl"), HASH, 10_000, 50,
                    Duration.ofMillis(50), Duration.ofMillis(200));
            ExecutorService doors = Executors.newFixedThreadPool(4);
            AtomicInteger next = new AtomicInteger();
            for (int d = 0; d < 4; d++) {
                doors.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        String id = "F" + i;
                        Instant t = T0.plusSeconds(i);
                        recorder.emit(ivrEnded(id, "514555" + String.format("%04d", i), t, Duration.ofSeconds(30),
                                result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food")));
                        recorder.emit(interpreted(id, t.plusSeconds(40), "es", Duration.ofSeconds(5), Duration.ofMinutes(1)));
                        recorder.emit(answered(id, t.plusSeconds(60), "grand-montreal-fr", "agent-1"));
                        recorder.emit(ended(id, t.plusSeconds(300)));
                        if (i % 10 == 0) {
                            sleep(2);
                        }
                    }
                });
            }
            waitFor(() -> recorder.stats().stored() > 100);
            proxy.cut();
            waitFor(() -> !recorder.stats().databaseUp());
            long storedWhenCut = recorder.stats().stored();
            waitFor(() -> recorder.stats().backlog() > 0);
            sleep(300);
            proxy.restore();
            doors.shutdown();
            assertTrue(doors.awaitTermination(30, TimeUnit.SECONDS));
            assertTrue(recorder.awaitStored(Duration.ofSeconds(30)), "stored: " + recorder.stats());
            recorder.close();
            CallRecorder.Stats s = recorder.stats();
            assertEquals(4L * calls, s.emitted());
            assertEquals(0, s.dropped());
            assertTrue(storedWhenCut < 4L * calls, "the cut came mid-traffic");
            assertArrayEquals(new long[] {calls, 4L * calls}, store.counts());
            Set<Integer> attempts = new java.util.HashSet<>();
            for (int i = 0; i < calls; i++) {
                Map<String, Object> r = store.call("F" + i).orElseThrow();
                attempts.add(((Number) r.get("interpreter_attempts")).intValue());
                assertEquals(true, r.get("answered"));
                assertEquals(240_000L, ((Number) r.get("handle_ms")).longValue());
            }
            assertEquals(Set.of(1), attempts, "every interpreter attempt counted once");
        }
    }

    interface Condition {
        boolean holds();
    }

    static void waitFor(Condition c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(5);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
