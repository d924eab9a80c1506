package org.aiguilleur.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.agi.AgiFrontDoor;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.FakeAsterisk;
import org.aiguilleur.testing.FakeCaller;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call through the real Asterisk door (FastAGI on loopback) leaves its record in the database. */
class RecordsFromAgiDoorTest {
    static final Instant OPEN = Fixtures.local("2026-11-24T10:00");

    @Test
    void callThroughTheAsteriskDoor_isRecorded_withTheNumberHashed(@TempDir Path tmp) throws Exception {
        Configuration copied = ConfigFixture.copyOfShipped(tmp).loadsCleanly();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Settings s = copied.settings();
        Settings settings = s.withAgi(new Settings.Listener("127.0.0.1", port));
        Configuration cfg = new Configuration(copied.dir(), settings, copied.regions(), copied.centres(),
                copied.calendars(), copied.flow(), copied.prompts(), copied.agents(), copied.interpreters());
        Clock clock = Clock.fixed(OPEN, Fixtures.QUEBEC);
        try (Records records = Records.open(cfg, clock, token -> Optional.empty(), Map.of())) {
            AgiFrontDoor door = new AgiFrontDoor(new LiveConfig(cfg, clock, LiveStaffing.UNKNOWN), records.events());
            door.start();
            FakeAsterisk.Env env = FakeAsterisk.Env.standard().callerId("+15145550100");
            try {
                new FakeAsterisk(port).call(env, FakeCaller.caller().press("1").press("1"));
            } finally {
                door.close();
            }
            assertTrue(records.recorder().awaitStored(Duration.ofSeconds(20)), records.recorder().stats().toString());
            Map<String, Object> r = records.store().call(env.uniqueId()).orElseThrow(() -> new AssertionError("no record"));
            assertEquals("asterisk", r.get("door"));
            assertEquals("montreal", r.get("region"));
            assertEquals("queued", r.get("outcome"));
            assertEquals("grand-montreal-fr", r.get("queue_name"));
            assertEquals("housing", r.get("need"));
            assertEquals("grand-montreal", r.get("centre"));
            assertNotNull(r.get("caller_hash"));
            for (Object v : r.values()) {
                assertFalse(String.valueOf(v).contains("5550100"), "no caller digits stored: " + v);
            }
        }
    }

    @Test
    void answeredAndAbandonedCalls_sayWhereWhoAndHowLong(@TempDir Path tmp) throws Exception {
        Configuration copied = ConfigFixture.copyOfShipped(tmp).loadsCleanly();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration cfg = new Configuration(copied.dir(), copied.settings().withAgi(new Settings.Listener("127.0.0.1", port)),
                copied.regions(), copied.centres(), copied.calendars(), copied.flow(), copied.prompts(), copied.agents(),
                copied.interpreters());
        TestClock clock = new TestClock(OPEN);
        try (Records records = Records.open(cfg, Clock.fixed(OPEN, Fixtures.QUEBEC), token -> Optional.empty(), Map.of())) {
            AgiFrontDoor door = new AgiFrontDoor(new LiveConfig(cfg, clock, LiveStaffing.UNKNOWN), records.events());
            door.start();
            FakeAsterisk asterisk = new FakeAsterisk(port);
            FakeAsterisk.Env answered = FakeAsterisk.Env.standard().callerId("+15145550100");
            FakeAsterisk.Env abandoned = FakeAsterisk.Env.standard().callerId("+15145550101");
            try {
                asterisk.call(answered, FakeCaller.caller().press("1").press("1"));
                asterisk.call(abandoned, FakeCaller.caller().press("1").press("1"));
                // 40 s in the queue, then agent-7 talks with the first caller for 5 min; the second gives up at 90 s.
                clock.advance(Duration.ofSeconds(90));
                asterisk.call(ended(abandoned, "", "", ""), FakeCaller.caller());
                clock.advance(Duration.ofSeconds(250));
                asterisk.call(ended(answered, "agent-7", "40", "PJSIP/agent-7"), FakeCaller.caller());
            } finally {
                door.close();
            }
            assertTrue(records.recorder().awaitStored(Duration.ofSeconds(20)), records.recorder().stats().toString());
            Map<String, Object> a = records.store().call(answered.uniqueId()).orElseThrow(() -> new AssertionError("no record"));
            assertEquals(true, a.get("answered"), a.toString());
            assertEquals("agent-7", a.get("agent"));
            assertEquals(40_000L, ((Number) a.get("queue_ms")).longValue());
            assertEquals(300_000L, ((Number) a.get("handle_ms")).longValue());
            assertEquals(null, a.get("abandoned_in"));
            Map<String, Object> b = records.store().call(abandoned.uniqueId()).orElseThrow(() -> new AssertionError("no record"));
            assertEquals(false, b.get("answered"), b.toString());
            assertEquals("queue", b.get("abandoned_in"));
            assertEquals(90_000L, ((Number) b.get("queue_ms")).longValue());
            assertEquals(null, b.get("handle_ms"));
        }
    }

    /** The dialplan's h extension: {@code 211/call-ended,${MEMBERNAME},${QEHOLDTIME},${MEMBERINTERFACE}}. */
    private static FakeAsterisk.Env ended(FakeAsterisk.Env call, String member, String held, String iface) {
        return FakeAsterisk.Env.standard().set("agi_uniqueid", call.uniqueId()).script("211/call-ended")
                .set("agi_arg_1", member).set("agi_arg_2", held).set("agi_arg_3", iface);
    }
}
