package org.aiguilleur.records.report;

import static org.aiguilleur.testing.CallEventsFixture.abandoned;
import static org.aiguilleur.testing.CallEventsFixture.answered;
import static org.aiguilleur.testing.CallEventsFixture.callback;
import static org.aiguilleur.testing.CallEventsFixture.ended;
import static org.aiguilleur.testing.CallEventsFixture.interpreted;
import static org.aiguilleur.testing.CallEventsFixture.interpreter;
import static org.aiguilleur.testing.CallEventsFixture.ivrEnded;
import static org.aiguilleur.testing.CallEventsFixture.result;
import static org.aiguilleur.testing.CallEventsFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.flow.Outcome;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.records.StoredEvent;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.NeedCode;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Report figures on a fixture of calls, against expectations computed by hand (in the comments).
 * All on Tuesday 2026-11-24 (Québec, UTC-5) unless said.
 */
class ReportTest {
    static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @TempDir
    Path tmp;
    Database db;
    RecordStore store;
    ReportBuilder reports;
    final List<StoredEvent> events = new ArrayList<>();
    int ids;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:file:" + tmp.resolve("records"), "sa", Optional.empty(), 2);
        store = new RecordStore(db, Centres.of(Fixtures.shipped()));
        reports = new ReportBuilder(store, QUEBEC, Duration.ofSeconds(60));
    }

    @AfterEach
    void close() {
        db.close();
    }

    void emit(CallEvent e) {
        events.add(new StoredEvent("ev" + ids++, e, null));
    }

    /** A queued call answered after {@code wait} seconds and handled for {@code handle} seconds. */
    void answeredCall(String id, String at, String region, String queue, int wait, int handle) {
        Instant t = Fixtures.local(at);
        emit(ivrEnded(id, "5145550100", t, Duration.ofSeconds(30), result(Outcome.QUEUED, queue, "fr", region, "housing")));
        Instant answer = t.plusSeconds(30 + wait);
        emit(answered(id, answer, queue, "agent-1"));
        emit(ended(id, answer.plusSeconds(handle)));
    }

    void fixture() throws Exception {
        // A. Montréal, 6 answered: waits 10 20 30 70 90 200 s (3 within 60 s; sum 420), handle 100..600 s (sum 2100).
        int[] waits = {10, 20, 30, 70, 90, 200};
        for (int i = 0; i < 6; i++) {
            answeredCall("A" + i, "2026-11-24T10:0" + i, "montreal", "grand-montreal-fr", waits[i], 100 * (i + 1));
        }
        // B. Montréal, 5 abandoned in the queue.
        for (int i = 0; i < 5; i++) {
            Instant t = Fixtures.local("2026-11-24T11:0" + i);
            emit(ivrEnded("B" + i, "5145550101", t, Duration.ofSeconds(20),
                    result(Outcome.QUEUED, "grand-montreal-fr", "fr", "montreal", "food")));
            emit(abandoned("B" + i, t.plusSeconds(65 + 75L * i), "grand-montreal-fr"));
        }
        // C. Montréal, 5 hang-ups in the menus; one at 21:00 local (02:00 UTC the next day) still counts on the 24th.
        emit(ivrEnded("C0", "", Fixtures.local("2026-11-24T21:00"), Duration.ofSeconds(8), result(null, null, "fr", "montreal", null)));
        for (int i = 1; i < 5; i++) {
            emit(ivrEnded("C" + i, "", Fixtures.local("2026-11-24T09:0" + i), Duration.ofSeconds(8), result(null, null, "fr", "montreal", null)));
        }
        // Not on the 24th in Québec, though on the 24th in UTC (03:00Z): left out.
        emit(ivrEnded("X0", "", Fixtures.local("2026-11-23T22:00"), Duration.ofSeconds(8), result(null, null, "fr", "montreal", null)));
        // D. Capitale-Nationale, 3 calls: answered (wait 15 s, handle 60 s), after-hours call-back, 811 transfer.
        answeredCall("D0", "2026-11-24T14:00", "capitale-nationale", "quebec-regions-fr", 15, 60);
        emit(ivrEnded("D1", "4185550100", Fixtures.local("2026-11-24T14:10"), Duration.ofSeconds(60),
                callback("fr", "capitale-nationale", "food", "https://recordings.example/RE1")));
        emit(ivrEnded("D2", "4185550100", Fixtures.local("2026-11-24T14:20"), Duration.ofSeconds(25),
                transfer("fr", "capitale-nationale")));
        // E. Laval, 6 interpreted calls: 5 in es (connect 10 s, 10 min each), 1 in ar (8 min); wait 30 s, handle 600 s.
        for (int i = 0; i < 6; i++) {
            String id = "E" + i;
            String lang = i < 5 ? "es" : "ar";
            Instant t = Fixtures.local("2026-11-24T15:0" + i);
            emit(ivrEnded(id, "4505550100", t, Duration.ofSeconds(40), interpreter("grand-montreal-fr", lang, "laval", "food")));
            emit(answered(id, t.plusSeconds(70), "grand-montreal-fr", "agent-2"));
            emit(interpreted(id, t.plusSeconds(80), lang, Duration.ofSeconds(10), Duration.ofMinutes(i < 5 ? 10 : 8)));
            emit(ended(id, t.plusSeconds(670)));
        }
        store.apply(events);
        // Coding: housing unmet on A0..A4, met on A5; food met on A0 and A1.
        for (int i = 0; i < 6; i++) {
            List<NeedCode> needs = new ArrayList<>();
            needs.add(new NeedCode("housing", Optional.empty(), i == 5, i == 5 ? Optional.empty() : Optional.of("waiting-list")));
            if (i < 2) {
                needs.add(new NeedCode("food", Optional.empty(), true, Optional.empty()));
            }
            store.code("A" + i, needs, List.of(), "agent-1", Instant.now());
        }
    }

    static String cell(Report.Section s, String column, String... keys) {
        int i = s.valueColumns().indexOf(column);
        return s.line(keys).orElseThrow(() -> new AssertionError("no line " + List.of(keys))).cells().get(i).text();
    }

    @Test
    void byRegion_matchesHandComputedFigures_andHidesSmallGroups() throws Exception {
        fixture();
        Report.Section calls = reports.build(DAY, DAY, Optional.of(Grouping.REGION)).section("calls");
        // Montréal: 16 calls, 11 queued, 6 answered; IVR 5/16 = 31.25%, queue 5/11 = 45.45%; ASA 420/6; AHT 2100/6.
        assertEquals("16", cell(calls, "calls", "montreal"));
        assertEquals("11", cell(calls, "queued", "montreal"));
        assertEquals("6", cell(calls, "answered", "montreal"));
        assertEquals("5", cell(calls, "abandoned_ivr", "montreal"));
        assertEquals("5", cell(calls, "abandoned_queue", "montreal"));
        assertEquals("31.3%", cell(calls, "abandon_rate_ivr", "montreal"));
        assertEquals("45.5%", cell(calls, "abandon_rate_queue", "montreal"));
        // 3 of 11 answered within 60 s: the share would give the 3 back.
        assertEquals("<5", cell(calls, "service_level", "montreal"));
        assertEquals("70.0", cell(calls, "asa_s", "montreal"));
        assertEquals("350.0", cell(calls, "aht_s", "montreal"));
        assertEquals("0", cell(calls, "transferred", "montreal"));
        // Capitale-Nationale: 3 calls, so every count and every rate is hidden.
        for (String column : List.of("calls", "queued", "answered", "abandon_rate_ivr", "service_level", "asa_s",
                "aht_s", "transferred", "after_hours", "callbacks")) {
            assertEquals("<5", cell(calls, column, "capitale-nationale"), column);
        }
        assertEquals("<5", cell(calls, "abandon_rate_queue", "capitale-nationale"), "1 queued call");
        // Laval: 6 interpreted calls, all answered within 60 s; 58 interpreter minutes.
        assertEquals("100.0%", cell(calls, "service_level", "laval"));
        assertEquals("30.0", cell(calls, "asa_s", "laval"));
        assertEquals("600.0", cell(calls, "aht_s", "laval"));
        assertEquals("6", cell(calls, "interpreted", "laval"));
        assertEquals("58.0", cell(calls, "interpreter_min", "laval"));
        // Laval's 6 calls would give Capitale-Nationale's 3 back from the total (25 - 16 - 6): hidden too.
        assertEquals("<5", cell(calls, "calls", "laval"));
        assertEquals("<5", cell(calls, "queued", "laval"));
        assertEquals("<5", cell(calls, "answered", "laval"));
        // Total: 25 calls; 18 queued; 13 answered; IVR 5/25 = 20.0%; queue 5/18 = 27.8%; SL 10/18 = 55.6%;
        // ASA (420+15+180)/13 = 47.3; AHT (2100+60+3600)/13 = 443.1.
        assertEquals("25", cell(calls, "calls", "total"));
        assertEquals("18", cell(calls, "queued", "total"));
        assertEquals("13", cell(calls, "answered", "total"));
        assertEquals("20.0%", cell(calls, "abandon_rate_ivr", "total"));
        assertEquals("27.8%", cell(calls, "abandon_rate_queue", "total"));
        assertEquals("55.6%", cell(calls, "service_level", "total"));
        assertEquals("47.3", cell(calls, "asa_s", "total"));
        assertEquals("443.1", cell(calls, "aht_s", "total"));
        assertEquals("<5", cell(calls, "callbacks", "total"));
        assertEquals(List.of("capitale-nationale", "laval", "montreal", "total"),
                calls.lines().stream().map(l -> l.keys().get(0)).toList());
    }

    @Test
    void interpretersAndUnmetNeeds_areCountedAndHidden() throws Exception {
        fixture();
        Report r = reports.build(DAY, DAY, Optional.empty());
        Report.Section interp = r.section("interpreters");
        assertEquals("5", cell(interp, "calls", "es"));
        assertEquals("50.0", cell(interp, "minutes", "es"));
        assertEquals("10.0", cell(interp, "avg_connect_s", "es"));
        assertEquals("<5", cell(interp, "calls", "ar"));
        assertEquals("<5", cell(interp, "minutes", "ar"), "8 minutes of one caller are not shown");
        Report.Section unmet = r.section("unmet_needs");
        assertEquals("6", cell(unmet, "coded", "montreal", "housing"));
        assertEquals("5", cell(unmet, "unmet", "montreal", "housing"));
        assertEquals("83.3%", cell(unmet, "unmet_rate", "montreal", "housing"));
        assertEquals("<5", cell(unmet, "coded", "montreal", "food"));
        assertEquals("0", cell(unmet, "unmet", "montreal", "food"));
        assertEquals("<5", cell(unmet, "unmet_rate", "montreal", "food"));
        assertEquals("25", cell(r.section("calls"), "calls", "all"));
    }

    @Test
    void byHour_usesLocalHoursAcrossBothDstChanges() throws Exception {
        // 8 March 2026: 02:00 does not exist. 01:30 EST (06:30Z) and 03:30 EDT (07:30Z) are an hour apart in UTC.
        for (int i = 0; i < 5; i++) {
            emit(ivrEnded("S" + i, "", Instant.parse("2026-03-08T06:3" + i + ":00Z"), Duration.ofSeconds(5), result(null, null, "fr", "montreal", null)));
            emit(ivrEnded("T" + i, "", Instant.parse("2026-03-08T07:3" + i + ":00Z"), Duration.ofSeconds(5), result(null, null, "fr", "montreal", null)));
        }
        // 1 November 2026: 01:00-02:00 happens twice; 3 calls in the first (EDT), 2 in the second (EST).
        for (int i = 0; i < 3; i++) {
            emit(ivrEnded("U" + i, "", Instant.parse("2026-11-01T05:1" + i + ":00Z"), Duration.ofSeconds(5), result(null, null, "fr", "montreal", null)));
        }
        for (int i = 0; i < 2; i++) {
            emit(ivrEnded("V" + i, "", Instant.parse("2026-11-01T06:2" + i + ":00Z"), Duration.ofSeconds(5), result(null, null, "fr", "montreal", null)));
        }
        // 23:30 local on 1 November is 04:30Z on the 2nd: still the 1st. 00:30 local on the 2nd is not.
        for (int i = 0; i < 5; i++) {
            emit(ivrEnded("W" + i, "", Instant.parse("2026-11-02T04:3" + i + ":00Z"), Duration.ofSeconds(5), result(null, null, "fr", "montreal", null)));
        }
        emit(ivrEnded("Y0", "", Instant.parse("2026-11-02T05:30:00Z"), Duration.ofSeconds(5), result(null, null, "fr", "montreal", null)));
        store.apply(events);

        Report.Section spring = reports.build(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 8), Optional.of(Grouping.HOUR)).section("calls");
        assertEquals(List.of("01", "03", "total"), spring.lines().stream().map(l -> l.keys().get(0)).toList());
        assertEquals("5", cell(spring, "calls", "01"));
        assertEquals("5", cell(spring, "calls", "03"));

        Report.Section fall = reports.build(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1), Optional.of(Grouping.HOUR)).section("calls");
        assertEquals(List.of("01", "23", "total"), fall.lines().stream().map(l -> l.keys().get(0)).toList());
        assertEquals("5", cell(fall, "calls", "01"), "both 01:00 hours of the 25-hour day");
        assertEquals("10", cell(fall, "calls", "total"));
        assertEquals("100.0%", cell(fall, "abandon_rate_ivr", "total"));
    }

    @Test
    void formats_showTheSameFigures() throws Exception {
        fixture();
        Report r = reports.build(DAY, DAY, Optional.of(Grouping.REGION));
        String csv = ReportFormat.CSV.render(r);
        assertTrue(csv.startsWith("section,region,calls,queued,answered,"), csv);
        assertTrue(csv.contains("\ncalls,montreal,16,11,6,5,5,31.3,45.5,70.0,<5,350.0,0,0,0,0,0,0.0\n"), csv);
        assertTrue(csv.contains("\nunmet_needs,montreal,housing,6,5,83.3\n"), csv);
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(r));
        assertEquals("2026-11-24", json.get("from").asText());
        assertEquals("region", json.get("by").asText());
        JsonNode montreal = json.get("calls").get(2);
        assertEquals("montreal", montreal.get("region").asText());
        assertEquals(16, montreal.get("calls").asInt());
        assertEquals(31.3, montreal.get("abandonRateIvr").asDouble());
        assertEquals("<5", montreal.get("serviceLevel").asText());
        assertTrue(json.get("calls").get(0).get("abandonRateQueue").isTextual(), "hidden, not a number");
        String table = ReportFormat.TABLE.render(r);
        assertTrue(table.contains("montreal"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("  montreal") && l.contains("45.5%")), table);
    }
}
