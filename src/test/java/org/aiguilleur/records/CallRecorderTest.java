package org.aiguilleur.records;

import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.aiguilleur.testing.CallEventsFixture.interpreted;
import static org.aiguilleur.testing.CallEventsFixture.ivrEnded;
import static org.aiguilleur.testing.CallEventsFixture.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TcpProxy;
import org.aiguilleur.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder's journal: what it holds, how it is replayed, and that emitting never fails a call. */
class CallRecorderTest {
    static final Instant T0 = Fixtures.local("2026-11-24T10:00");
    static final CallerHash HASH = new CallerHash("another secret of enough bytes".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;
    TestDatabases.Target h2;
    TcpProxy proxy;
    Database db;
    RecordStore store;
    Path journal;

    @BeforeEach
    void open() throws Exception {
        h2 = TestDatabases.h2(tmp);
        proxy = new TcpProxy("127.0.0.1", h2.port());
        db = Database.open(h2.url(proxy.port()), "sa", Optional.empty(), 2);
        store = new RecordStore(db, Centres.of(Fixtures.shipped()));
        journal = tmp.resolve("data/journal.jsonl");
    }

    @AfterEach
    void close() throws IOException {
        db.close();
        proxy.close();
        h2.close();
    }

    CallRecorder recorder() throws IOException {
        return CallRecorder.start(store, journal, HASH, 1000, 50, Duration.ofMillis(20), Duration.ofMillis(100));
    }

    static CallEvent.IvrEnded call(String id) {
        return ivrEnded(id, "+1 514 555-0100", T0, Duration.ofSeconds(30),
                result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food"));
    }

    @Test
    void whileTheDatabaseIsAway_eventsWaitInTheJournal_withoutTheCallerNumber() throws Exception {
        proxy.cut();
        CallRecorder r = recorder();
        r.emit(call("J1"));
        r.emit(ended("J1", T0.plusSeconds(90)));
        RecordStoreWait.until(() -> r.stats().acknowledged() == 2 && !r.stats().databaseUp());
        String text = Files.readString(journal);
        assertEquals(2, text.lines().count(), text);
        assertFalse(text.contains("5550100"), "no caller digits in the journal: " + text);
        assertTrue(text.contains(HASH.hash("5145550100")), text);
        r.close();
        assertEquals(2, Files.readString(journal).lines().count(), "kept for the next start");

        proxy.restore();
        CallRecorder next = recorder();
        assertTrue(next.awaitStored(Duration.ofSeconds(20)));
        next.close();
        assertArrayEquals(new long[] {1, 2}, store.counts());
        assertEquals(0, Files.size(journal));
    }

    @Test
    void journalReplayedAfterTheCommit_changesNothing() throws Exception {
        StoredEvent start = new StoredEvent("r1", call("R1"), HASH.hash("5145550100"));
        StoredEvent attempt = new StoredEvent("r2", interpreted("R1", T0.plusSeconds(40), "es", Duration.ofSeconds(9),
                Duration.ofMinutes(3)), null);
        store.apply(List.of(start, attempt));
        // A crash between the database commit and the emptying of the journal leaves both lines behind.
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, JournalCodec.encode(start) + "\n" + JournalCodec.encode(attempt) + "\n");
        CallRecorder r = recorder();
        RecordStoreWait.until(() -> {
            try {
                return Files.size(journal) == 0;
            } catch (IOException e) {
                return false;
            }
        });
        // Counted as found already there, not as stored again: a caller waiting for "everything stored"
        // (awaitStored) is not kept waiting by events whose commit's answer was lost.
        RecordStoreWait.until(() -> r.stats().alreadyStored() == 2);
        assertEquals(0, r.stats().stored(), r.stats().toString());
        r.emit(ended("R1", T0.plusSeconds(300)));
        assertTrue(r.awaitStored(Duration.ofSeconds(10)), r.stats().toString());
        assertEquals(1, r.stats().stored());
        r.close();
        assertArrayEquals(new long[] {1, 3}, store.counts());
        assertEquals(1, ((Number) store.call("R1").orElseThrow().get("interpreter_attempts")).intValue());
    }

    @Test
    void aLineTornByACrash_isSkipped_andTheRestStored() throws Exception {
        Files.createDirectories(journal.getParent());
        String whole = JournalCodec.encode(new StoredEvent("t1", call("T1"), null));
        String torn = JournalCodec.encode(new StoredEvent("t2", ended("T1", T0.plusSeconds(60)), null));
        Files.writeString(journal, whole + "\n" + torn.substring(0, torn.length() / 2));
        CallRecorder r = recorder();
        r.emit(ended("T2", T0.plusSeconds(70)));
        assertTrue(r.awaitStored(Duration.ofSeconds(20)));
        r.close();
        assertTrue(store.call("T1").isPresent());
        assertTrue(store.call("T1").orElseThrow().get("ended_at") == null, "the torn event was never acknowledged");
        assertTrue(store.call("T2").isPresent(), "the next event did not stick to the torn line");
    }

    @Test
    void journalDecodesWhatItEncodes() {
        CallEvent.IvrEnded e = call("D1");
        StoredEvent back = JournalCodec.decode(JournalCodec.encode(new StoredEvent("d1", e, "abc")));
        assertEquals("abc", back.callerHash());
        CallEvent.IvrEnded ivr = (CallEvent.IvrEnded) back.event();
        assertEquals(e.result().outcome(), ivr.result().outcome());
        assertEquals(e.result().path(), ivr.result().path());
        assertEquals(e.startedAt(), ivr.startedAt());
        assertEquals("", ivr.start().callerId(), "the number is not in the journal");
        assertThrows(IllegalArgumentException.class, () -> JournalCodec.decode("{\"id\":\"x\""));
    }

    @Test
    void emit_neverThrows_andASecondRecorderOnTheSameJournalIsRefused() throws Exception {
        CallRecorder r = recorder();
        assertDoesNotThrow(() -> r.emit(null));
        IOException e = assertThrows(IOException.class, this::recorder);
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
        r.close();
        assertDoesNotThrow(() -> r.emit(call("late")));
    }

    /** Polls a condition for up to 20 s. */
    static final class RecordStoreWait {
        interface Condition {
            boolean holds() throws Exception;
        }

        static void until(Condition c) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!c.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out");
                }
                Thread.sleep(5);
            }
        }
    }
}
