package org.aiguilleur.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorder process killed with SIGKILL mid-traffic loses nothing it had acknowledged. */
class CallRecorderCrashTest {
    @TempDir
    Path tmp;

    @Test
    void killedMidTraffic_everyAcknowledgedEventIsStoredOnceAfterRestart() throws Exception {
        try (TestDatabases.Target h2 = TestDatabases.h2(tmp)) {
            String url = h2.url(h2.port());
            Path journal = tmp.resolve("journal.jsonl");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashingRecorderMain.class.getName(),
                    journal.toString(), url).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long acknowledged = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("acknowledged ")) {
                        acknowledged = Long.parseLong(line.substring(13));
                        if (acknowledged >= 2_000) {
                            break;
                        }
                    }
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            assertTrue(acknowledged >= 2_000, "the child ran: " + acknowledged);

            try (Database db = Database.open(url, "sa", Optional.empty(), 2)) {
                RecordStore store = new RecordStore(db, Centres.of(Fixtures.shipped()));
                CallRecorder restarted = CallRecorder.start(store, journal, new CallerHash(new byte[32]), 1000, 100,
                        Duration.ofMillis(20), Duration.ofMillis(100));
                assertTrue(restarted.awaitStored(Duration.ofSeconds(30)));
                restarted.close();
                long[] counts = store.counts();
                // Events were acknowledged in emission order: calls K0.. each gave two events.
                assertTrue(counts[1] >= acknowledged, counts[1] + " stored, " + acknowledged + " acknowledged");
                long complete = acknowledged / 2;
                for (long i = 0; i < complete; i += 97) {
                    Map<String, Object> r = store.call("K" + i).orElseThrow(() -> new AssertionError("lost a call"));
                    assertTrue(r.get("ended_at") != null && r.get("started_at") != null, "both events of K" + i);
                }
                assertTrue(store.call("K" + (complete - 1)).isPresent());
                // Exactly once: one record per call, never more events than two per call.
                assertTrue(counts[1] <= 2 * counts[0] && counts[1] >= 2 * counts[0] - 1, java.util.Arrays.toString(counts));
                assertEquals(0, java.nio.file.Files.size(journal), "the journal is emptied once stored");
            }
        }
    }
}
