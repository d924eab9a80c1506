package org.aiguilleur.records;

import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.aiguilleur.testing.CallEventsFixture.ivrEnded;
import static org.aiguilleur.testing.CallEventsFixture.result;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.testing.Fixtures;

/**
 * A process that records calls until it is killed ({@code kill -9}), printing how many events are
 * acknowledged (journaled) as it goes: {@link CallRecorderCrashTest} kills it and checks that every
 * acknowledged event reached the database. Arguments: journal file, JDBC URL.
 */
public final class CrashingRecorderMain {
    private CrashingRecorderMain() {
    }

    public static void main(String[] args) throws Exception {
        Database db = Database.open(args[1], "sa", Optional.empty(), 2);
        RecordStore store = new RecordStore(db, Centres.of(Fixtures.shipped()));
        CallRecorder recorder = CallRecorder.start(store, Path.of(args[0]), new CallerHash(new byte[32]), 100_000, 20,
                Duration.ofMillis(20), Duration.ofMillis(100));
        Instant t0 = Instant.parse("2026-11-24T15:00:00Z");
        for (int i = 0; ; i++) {
            String id = "K" + i;
            recorder.emit(ivrEnded(id, "5145550100", t0.plusSeconds(i), Duration.ofSeconds(10),
                    result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food")));
            recorder.emit(ended(id, t0.plusSeconds(i + 100)));
            if (i % 20 == 0) {
                System.out.println("acknowledged " + recorder.stats().acknowledged());
                System.out.flush();
                Thread.sleep(1);
            }
        }
    }
}
