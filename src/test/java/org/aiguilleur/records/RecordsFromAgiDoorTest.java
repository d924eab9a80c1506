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
}
