package org.aiguilleur.cli;

import static org.aiguilleur.testing.CallEventsFixture.answered;
import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.aiguilleur.testing.CallEventsFixture.ivrEnded;
import static org.aiguilleur.testing.CallEventsFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.Records;
import org.aiguilleur.records.StoredEvent;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aiguilleur report} on the embedded database of a copied configuration. */
class ReportCommandTest {
    @TempDir
    Path tmp;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void recordCalls() throws Exception {
        Configuration cfg = ConfigFixture.copyOfShipped(tmp).loadsCleanly();
        config = cfg.dir();
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant t = Fixtures.local("2026-11-24T1" + i + ":00");
            String id = "C" + i;
            events.add(new StoredEvent(id + "a", ivrEnded(id, "", t, Duration.ofSeconds(30),
                    result(Outcome.QUEUED, "grand-montreal-fr", "fr", i < 5 ? "montreal" : "laval", "food")), null));
            events.add(new StoredEvent(id + "b", answered(id, t.plusSeconds(30 + 10L * i), "grand-montreal-fr", "a1"), null));
            events.add(new StoredEvent(id + "c", ended(id, t.plusSeconds(300)), null));
        }
        try (Database db = Records.database(cfg.settings().records(), Map.of())) {
            new RecordStore(db, Centres.of(cfg)).apply(events);
        }
    }

    int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void reportByRegion_asCsv() {
        assertEquals(0, run("report", "--config", config.toString(), "--from", "2026-11-24", "--to", "2026-11-24",
                "--by", "region", "--format", "csv"), err.toString());
        String csv = out.toString();
        // Montréal: 5 calls answered after 0, 10, 20, 30, 40 s: ASA 20.0 s, all within 60 s. Its counts
        // are hidden too: with the total of 6 they would give Laval's single call back.
        assertTrue(csv.contains("\ncalls,montreal,<5,<5,<5,0,0,0.0,0.0,20.0,100.0,"), csv);
        assertTrue(csv.contains("\ncalls,laval,<5,<5,<5,0,0,<5,<5,<5,<5,<5,"), csv);
        assertTrue(csv.contains("\ncalls,total,6,6,6,"), csv);
    }

    @Test
    void reportAsTableAndJson() throws Exception {
        assertEquals(0, run("report", "--config", config.toString(), "--from", "2026-11-24", "--to", "2026-11-24"));
        assertTrue(out.toString().startsWith("Aiguilleur report 2026-11-24 to 2026-11-24 (America/Toronto local dates)"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("report", "--config", config.toString(), "--from", "2026-11-23", "--to", "2026-11-24",
                "--format", "json", "--by", "hour"));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("10", json.get("calls").get(0).get("hour").asText());
        assertEquals("<5", json.get("calls").get(0).get("calls").asText());
    }

    @Test
    void badArguments_areRefusedWithTheReason() {
        assertEquals(2, run("report", "--config", config.toString(), "--from", "24/11/2026", "--to", "2026-11-24"));
        assertTrue(err.toString().contains("--from: \"24/11/2026\" is not a date like 2026-11-01"), err.toString());
        assertEquals(2, run("report", "--config", config.toString(), "--from", "2026-11-25", "--to", "2026-11-24"));
        assertTrue(err.toString().contains("is after --to"), err.toString());
        assertEquals(2, run("report", "--config", config.toString(), "--from", "2026-11-24", "--to", "2026-11-24", "--by", "province"));
        assertTrue(err.toString().contains("\"province\" is not one of region, language, need, centre, hour"), err.toString());
        assertEquals(2, run("report", "--from", "2026-11-24"));
    }
}
