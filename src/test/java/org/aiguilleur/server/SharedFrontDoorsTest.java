package org.aiguilleur.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.SharedDatabases;
import org.aiguilleur.testing.TestDatabases;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.aiguilleur.twilio.TwilioWebhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's wiring with {@code twilio.presence-store: database}: presence and hang-ups go to the records database. */
class SharedFrontDoorsTest {
    private static final String TOKEN = "wiring-token";
    private static final String PUBLIC = "https://ivr.example.org";
    private static final String AMELIE = "amelie-wiring-token-5e7a9c1e3a5c7e9a1c3e5a7c9e1a3c5e";

    private static LiveConfig live(Path dir, String recordsUrl) throws Exception {
        ConfigFixture f = ConfigFixture.copyOfShipped(dir)
                .replace("config/aiguilleur.yaml", "    bind: 0.0.0.0\n    port: 8080", "    bind: 127.0.0.1\n    port: 0")
                .replace("config/aiguilleur.yaml", "  presence-store: memory", "  presence-store: database")
                .replace("config/aiguilleur.yaml", "  file: ../data/records", "  url: " + recordsUrl);
        return new LiveConfig(f.load(), Clock.fixed(Fixtures.local("2026-11-24T10:00"), Fixtures.QUEBEC), LiveStaffing.UNKNOWN);
    }

    @Test
    void databaseStore_keepsPresenceAndForeignHangUpsInTheRecordsDatabase(@TempDir Path dir) throws Exception {
        try (TestDatabases.Target h2 = TestDatabases.h2(dir.resolve("db"))) {
            String url = h2.url(h2.port());
            LiveConfig live = live(dir.resolve("cfg"), url);
            try (Database records = SharedDatabases.open(url, 2)) {
                List<FrontDoor> doors = FrontDoors.create(live, CallEvents.NONE, Map.of(), Map.of(TwilioWebhooks.TOKEN_ENV, TOKEN,
                        TwilioWebhooks.URL_ENV, PUBLIC, FrontDoors.ACCOUNT_ENV, "AC0123456789abcdef0123456789abcdef",
                        AgentTokens.ENV_TOKENS, "amelie-roy " + AgentTokens.hashOf(AMELIE)),
                        org.aiguilleur.agi.InterpreterStarter.NONE, records);
                HttpFrontDoor door = (HttpFrontDoor) doors.stream().filter(d -> d instanceof HttpFrontDoor).findFirst().orElseThrow();
                door.start();
                try {
                    URI local = URI.create("http://127.0.0.1:" + door.port());
                    HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local.resolve("/api/agents/me/presence"))
                            .header("Authorization", "Bearer " + AMELIE).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"presence\":\"available\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, put.statusCode(), put.body());
                    assertEquals("AVAILABLE", one(records, "SELECT presence FROM presence_agent WHERE agent_id = 'amelie-roy'"));

                    // The final status of a call this instance never had: published for the instance that has it.
                    new TwilioCaller(new TwilioWebhookClient(PUBLIC, local, TOKEN), "CAW9", "+15145550100").hangUp();
                    long end = System.nanoTime() + 10_000_000_000L;
                    while (one(records, "SELECT call_id FROM call_hangup WHERE call_id = 'CAW9'") == null) {
                        assertTrue(System.nanoTime() < end, "the hang-up was not published");
                        Thread.sleep(50);
                    }
                } finally {
                    door.close();
                }
            }
        }
    }

    @Test
    void databaseAway_callersStillReachTheirQueue_andHangUpsAreAnswered(@TempDir Path dir) throws Exception {
        TestDatabases.Target h2 = TestDatabases.h2(dir.resolve("db"));
        String url = h2.url(h2.port());
        LiveConfig live = live(dir.resolve("cfg"), url);
        try (Database records = SharedDatabases.open(url, 2)) {
            List<FrontDoor> doors = FrontDoors.create(live, CallEvents.NONE, Map.of(), Map.of(TwilioWebhooks.TOKEN_ENV, TOKEN,
                    TwilioWebhooks.URL_ENV, PUBLIC, FrontDoors.ACCOUNT_ENV, "AC0123456789abcdef0123456789abcdef"),
                    org.aiguilleur.agi.InterpreterStarter.NONE, records);
            HttpFrontDoor door = (HttpFrontDoor) doors.stream().filter(d -> d instanceof HttpFrontDoor).findFirst().orElseThrow();
            door.start();
            h2.close(); // the shared database goes away
            try {
                TwilioWebhookClient client = new TwilioWebhookClient(PUBLIC, URI.create("http://127.0.0.1:" + door.port()), TOKEN);
                TwilioCaller c = new TwilioCaller(client, "CAW8", "+15145550100");
                c.dial();
                c.press("1");
                long start = System.nanoTime();
                assertEquals("grand-montreal-fr", c.press("1").required("Enqueue").getTextContent());
                assertEquals(200, new TwilioCaller(client, "CAW7", "+15145550100").hangUp().status());
                // The webhooks never wait for the database (its connection time-out is 2 s).
                assertTrue(System.nanoTime() - start < 1_500_000_000L, "webhooks waited for the database");
            } finally {
                door.close();
            }
        }
    }

    @Test
    void databaseStore_withoutTheRecordsDatabase_isRefused(@TempDir Path dir) throws Exception {
        LiveConfig live = live(dir, "jdbc:postgresql://127.0.0.1:5432/aiguilleur");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrontDoors.create(live, CallEvents.NONE,
                Map.of(), Map.of(), org.aiguilleur.agi.InterpreterStarter.NONE, null));
        assertTrue(e.getMessage().contains("twilio.presence-store"), e.getMessage());
    }

    private static String one(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
