package org.aiguilleur.bench;

import static org.aiguilleur.testing.CallEventsFixture.answered;
import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.aiguilleur.testing.CallEventsFixture.interpreted;
import static org.aiguilleur.testing.CallEventsFixture.ivrEnded;
import static org.aiguilleur.testing.CallEventsFixture.result;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallRecorder;
import org.aiguilleur.records.CallerHash;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.testing.Fixtures;

/**
 * Load driver for the records path: {@code threads} front-door threads each put {@code calls}
 * calls in flight (4 events a call: IVR end, interpreter, answer, end, as the doors emit them),
 * through the real recorder (journal with fsync, batches) into a real database. Prints the events
 * and records stored per second end to end, and how long {@code emit} took on the door threads.
 *
 * <p>Usage: {@code bench/records.sh [h2|JDBC-URL] [threads] [calls-per-thread]}.
 */
public final class RecordsLoad {
    private RecordsLoad() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        Path dir = Files.createTempDirectory("records-load");
        String url = db.equals("h2") ? "jdbc:h2:file:" + dir.resolve("records") : db;
        try (Database database = Database.open(url, db.equals("h2") ? "sa" : null, Optional.empty(), 4)) {
            RecordStore store = new RecordStore(database, Centres.of(Fixtures.shipped()));
            store.counts(); // migrate before timing
            CallRecorder recorder = CallRecorder.start(store, dir.resolve("journal.jsonl"),
                    new CallerHash("load driver secret, 32 bytes ok".getBytes()), 200_000, 500,
                    Duration.ofMillis(100), Duration.ofSeconds(2));
            long[][] emitNanos = new long[threads][calls * 4];
            CountDownLatch go = new CountDownLatch(1);
            Thread[] doors = new Thread[threads];
            Instant t0 = Fixtures.local("2026-11-24T10:00");
            String run = Long.toString(System.nanoTime(), 36);
            for (int d = 0; d < threads; d++) {
                int door = d;
                doors[d] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    int k = 0;
                    for (int i = 0; i < calls; i++) {
                        String id = run + "-" + door + "-" + i;
                        Instant t = t0.plusSeconds(i);
                        Object[] events = {
                            ivrEnded(id, "514555" + String.format("%04d", i % 10_000), t, Duration.ofSeconds(30),
                                    result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food")),
                            interpreted(id, t.plusSeconds(35), "es", Duration.ofSeconds(8), Duration.ofMinutes(4)),
                            answered(id, t.plusSeconds(60), "grand-montreal-fr", "agent-1"),
                            ended(id, t.plusSeconds(400))};
                        for (Object e : events) {
                            long s = System.nanoTime();
                            recorder.emit((org.aiguilleur.records.CallEvent) e);
                            emitNanos[door][k++] = System.nanoTime() - s;
                        }
                    }
                }, "door-" + d);
                doors[d].start();
            }
            long start = System.nanoTime();
            go.countDown();
            for (Thread t : doors) {
                t.join();
            }
            long emitted = System.nanoTime();
            if (!recorder.awaitStored(Duration.ofMinutes(5))) {
                throw new IllegalStateException("not stored in 5 minutes: " + recorder.stats());
            }
            long stored = System.nanoTime();
            recorder.close();
            long events = 4L * threads * calls;
            long[] all = Arrays.stream(emitNanos).flatMapToLong(Arrays::stream).sorted().toArray();
            double secs = (stored - start) / 1e9;
            System.out.printf("database: %s%n", db.equals("h2") ? "H2 file (embedded)" : url.replaceAll("\\?.*", ""));
            System.out.printf("calls in flight: %d door threads x %d calls = %d calls, %d events%n", threads, calls,
                    (long) threads * calls, events);
            System.out.printf("stored: %d events in %.2f s = %.0f events/s = %.0f call records/s%n",
                    events, secs, events / secs, threads * (double) calls / secs);
            System.out.printf("doors done emitting after %.2f s; dropped %d%n", (emitted - start) / 1e9,
                    recorder.stats().dropped());
            System.out.printf("emit() on the door threads: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f ms%n",
                    all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3,
                    all[(int) (all.length * 0.999)] / 1e3, all[all.length - 1] / 1e6);
            long[] counts = store.counts();
            System.out.printf("database holds %d call records, %d events%n", counts[0], counts[1]);
        }
    }
}
