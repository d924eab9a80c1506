package org.aiguilleur.records;

import static org.aiguilleur.testing.CallEventsFixture.answered;
import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.aiguilleur.testing.CallEventsFixture.ivrEnded;
import static org.aiguilleur.testing.CallEventsFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring entry point on the shipped configuration: an H2 file under data/, created on first start. */
class RecordsTest {
    static final Instant T0 = Fixtures.local("2026-11-24T10:00");

    @Test
    void openedOnTheShippedConfiguration_recordsCallsUnderData_andPurgesOldOnes(@TempDir Path tmp) throws Exception {
        Configuration cfg = ConfigFixture.copyOfShipped(tmp).loadsCleanly();
        Clock clock = Clock.fixed(T0.plus(Duration.ofDays(100)), ZoneOffset.UTC);
        try (Records records = Records.open(cfg, clock, token -> Optional.empty(), Map.of())) {
            assertEquals(Set.of("/api/records", "/api/reports"), records.handlers().keySet());
            CallEvents doors = records.events();
            doors.emit(ivrEnded("W1", "5145550100", T0, Duration.ofSeconds(20),
                    result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food")));
            doors.emit(answered("W1", T0.plusSeconds(50), "grand-montreal-fr", "agent-1"));
            doors.emit(ended("W1", T0.plusSeconds(300)));
            doors.emit(ivrEnded("W2", "5145550100", T0.plus(Duration.ofDays(99)), Duration.ofSeconds(20),
                    result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food")));
            assertTrue(records.recorder().awaitStored(Duration.ofSeconds(20)));
            assertEquals(250_000L, ((Number) records.store().call("W1").orElseThrow().get("handle_ms")).longValue());
            assertTrue(Files.exists(tmp.resolve("data/records.mv.db")), "the H2 file is created on first start");
            assertTrue(Files.exists(tmp.resolve("data/caller-hash.secret")));
            assertEquals(records.store().call("W1").orElseThrow().get("caller_hash"),
                    records.store().call("W2").orElseThrow().get("caller_hash"), "a repeat caller is recognisable");

            // 730 days of retention: nothing is old yet, at 100 days.
            assertEquals(0, records.retention().purgeOnce());
            // 731 days after W1 (and 632 after W2): W1 goes, W2 stays.
            RetentionJob later = new RetentionJob(records.store(),
                    Clock.fixed(T0.plus(Duration.ofDays(731)), ZoneOffset.UTC), Duration.ofDays(730));
            assertEquals(1, later.purgeOnce());
            assertTrue(records.store().call("W1").isEmpty());
            assertTrue(records.store().call("W2").isPresent());
        }
    }
}
