package org.aiguilleur.records;

import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.aiguilleur.records.CallRecorderTest.RecordStoreWait;
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
import org.slf4j.LoggerFactory;

/**
 * The journal's disk fails under traffic: its folder is replaced by a regular file, so that the
 * journal path cannot be created or written even by root. Calls are never slowed, every acknowledged
 * event reaches the database exactly once, the stats tell, and the journal comes back by itself.
 */
class JournalDiskFailureTest {
    @TempDir
    Path tmp;
    TestDatabases.Target h2;
    TcpProxy proxy;
    Database db;
    RecordStore store;
    Path folder;
    Path journal;

    @BeforeEach
    void open() throws Exception {
        h2 = TestDatabases.h2(tmp);
        proxy = new TcpProxy("127.0.0.1", h2.port());
        db = Database.open(h2.url(proxy.port()), "sa", Optional.empty(), 2);
        store = new RecordStore(db, Centres.of(Fixtures.shipped()));
        folder = tmp.resolve("data");
        journal = folder.resolve("journal.jsonl");
    }

    @AfterEach
    void close() throws IOException {
        db.close();
        proxy.close();
        h2.close();
    }

    CallRecorder recorder() throws IOException {
        return CallRecorder.start(store, journal, CallRecorderTest.HASH, 1000, 10, Duration.ofMillis(20),
                Duration.ofMillis(100));
    }

    /** Two events per call: its IVR end and its end. */
    static void calls(CallRecorder r, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            r.emit(CallRecorderTest.call(prefix + i));
            r.emit(ended(prefix + i, CallRecorderTest.T0.plusSeconds(90)));
        }
    }

    /** The disk "fails": the journal's folder becomes a regular file, which no one can write under. */
    void breakDisk() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(folder, "not a folder");
    }

    void mendDisk() throws IOException {
        Files.delete(folder);
        Files.createDirectories(folder);
    }

    @Test
    void journalFolderReplacedMidTraffic_eventsGoStraightToTheDatabase_andTheJournalComesBackByItself() throws Exception {
        CallRecorder r = recorder();
        calls(r, "A", 10);
        assertTrue(r.awaitStored(Duration.ofSeconds(20)), r.stats().toString());
        assertTrue(r.stats().journalUp());

        breakDisk();
        calls(r, "B", 15);
        assertTrue(r.awaitStored(Duration.ofSeconds(20)), r.stats().toString());
        CallRecorder.Stats down = r.stats();
        assertFalse(down.journalUp(), down.toString());
        assertEquals(30, down.unjournaled(), "every event after the failure, counted: " + down);
        assertEquals(50, down.acknowledged(), down.toString());
        assertEquals(0, down.dropped(), down.toString());

        mendDisk();
        RecordStoreWait.until(() -> {
            calls(r, "C" + System.nanoTime() + "-", 1);
            return r.stats().journalUp();
        });
        assertTrue(r.awaitStored(Duration.ofSeconds(20)), r.stats().toString());
        long unjournaledWhileDown = r.stats().unjournaled();
        calls(r, "D", 5);
        assertTrue(r.awaitStored(Duration.ofSeconds(20)), r.stats().toString());
        CallRecorder.Stats back = r.stats();
        r.close();
        assertTrue(Files.isRegularFile(journal), "the journal is a file again");
        assertEquals(0, Files.size(journal), "and empty: everything is stored");
        assertEquals(back.emitted(), back.stored(), "stored exactly once: " + back);
        assertEquals(back.emitted(), back.acknowledged(), back.toString());
        assertEquals(back.emitted(), store.counts()[1], "every event applied, once");
        assertEquals(back.emitted() / 2, store.counts()[0]);
        assertEquals(unjournaledWhileDown, back.unjournaled(), "journaled again once back: " + back);
    }

    @Test
    void journalLostWhileTheDatabaseIsDown_journaledEventsAreNotLost_andAllArriveOnceWhenBothReturn() throws Exception {
        proxy.cut();
        CallRecorder r = recorder();
        calls(r, "J", 10);
        RecordStoreWait.until(() -> r.stats().acknowledged() == 20 && r.stats().backlog() == 20);
        assertFalse(r.stats().databaseUp());

        breakDisk(); // the 20 journaled events now live only in the journal's open file
        calls(r, "M", 5);
        RecordStoreWait.until(() -> r.stats().emitted() == 30 && r.stats().unjournaled() == 0
                && !r.stats().journalUp());
        CallRecorder.Stats bothDown = r.stats();
        assertEquals(20, bothDown.acknowledged(), "the 10 events in memory are not acknowledged: " + bothDown);
        assertEquals(20, bothDown.backlog(), bothDown.toString());
        assertEquals(0, bothDown.stored());

        proxy.restore();
        assertTrue(r.awaitStored(Duration.ofSeconds(20)), r.stats().toString());
        CallRecorder.Stats dbBack = r.stats();
        assertTrue(dbBack.databaseUp());
        assertFalse(dbBack.journalUp());
        assertEquals(10, dbBack.unjournaled(), dbBack.toString());
        assertEquals(30, dbBack.stored(), dbBack.toString());
        assertEquals(30, store.counts()[1], "the journaled 20 and the 10 held in memory, each once");

        mendDisk();
        RecordStoreWait.until(() -> {
            calls(r, "N" + System.nanoTime() + "-", 1);
            return r.stats().journalUp();
        });
        assertTrue(r.awaitStored(Duration.ofSeconds(20)), r.stats().toString());
        CallRecorder.Stats end = r.stats();
        r.close();
        assertEquals(end.emitted(), end.stored(), end.toString());
        assertEquals(end.emitted(), store.counts()[1]);
        assertEquals(0, end.dropped());
    }

    @Test
    void journalThatCannotBeOpenedAtStart_doesNotStopRecording() throws Exception {
        Files.writeString(folder, "not a folder");
        CallRecorder r = recorder();
        calls(r, "S", 3);
        assertTrue(r.awaitStored(Duration.ofSeconds(20)), r.stats().toString());
        CallRecorder.Stats s = r.stats();
        assertFalse(s.journalUp());
        assertEquals(6, s.unjournaled(), s.toString());
        assertEquals(6, store.counts()[1]);

        mendDisk();
        RecordStoreWait.until(() -> {
            calls(r, "T" + System.nanoTime() + "-", 1);
            return r.stats().journalUp();
        });
        assertTrue(r.awaitStored(Duration.ofSeconds(20)));
        r.close();
        assertEquals(r.stats().emitted(), store.counts()[1]);
        assertTrue(Files.isRegularFile(journal));
    }

    @Test
    void fullDisk_everyWriteFailsWithNoSpace_eventsStillReachTheDatabaseOnce() throws Exception {
        // Linux's /dev/full answers every write with ENOSPC, as a full disk does (root included).
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
        Logger log = (Logger) LoggerFactory.getLogger(CallRecorder.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        log.addAppender(logs);
        CallRecorder.Stats s;
        try {
            CallRecorder r = CallRecorder.start(store, full, CallRecorderTest.HASH, 1000, 10, Duration.ofMillis(20),
                    Duration.ofMillis(100));
            for (int i = 0; i < 8; i++) {
                calls(r, "F" + i + "-", 1);
                Thread.sleep(30); // over the retry period: the journal is tried again and again
            }
            assertTrue(r.awaitStored(Duration.ofSeconds(20)), r.stats().toString());
            s = r.stats();
            r.close();
        } finally {
            log.detachAppender(logs);
        }
        List<String> said = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR || e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("journal")).toList();
        assertEquals(1, said.size(), "said once, not at every retry: " + said);
        assertTrue(said.get(0).contains("No space left on device"), said.get(0));
        assertEquals(16, s.unjournaled(), s.toString());
        assertEquals(16, s.stored(), s.toString());
        assertEquals(16, store.counts()[1]);
        assertEquals(0, s.dropped());
    }
}
