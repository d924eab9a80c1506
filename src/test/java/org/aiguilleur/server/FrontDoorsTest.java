package org.aiguilleur.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.aiguilleur.twilio.TwilioWebhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve's wiring: one HTTP door with the Twilio webhooks and, with a Twilio account, agent delivery. */
class FrontDoorsTest {
    private static final String TOKEN = "wiring-token";
    private static final String PUBLIC = "https://ivr.example.org";

    private static LiveConfig live(Path dir) throws Exception {
        ConfigFixture f = ConfigFixture.copyOfShipped(dir)
                .replace("config/aiguilleur.yaml", "    bind: 0.0.0.0\n    port: 8080", "    bind: 127.0.0.1\n    port: 0");
        return new LiveConfig(f.load(), Clock.fixed(Fixtures.local("2026-11-24T10:00"), Fixtures.QUEBEC),
                LiveStaffing.UNKNOWN);
    }

    private static HttpFrontDoor http(List<FrontDoor> doors) {
        List<HttpFrontDoor> http = doors.stream().filter(d -> d instanceof HttpFrontDoor).map(d -> (HttpFrontDoor) d)
                .toList();
        assertEquals(1, http.size(), doors.toString());
        return http.get(0);
    }

    @Test
    void withTwilioAccount_mountsTheWebhooksAndTheAgentsApi(@TempDir Path dir) throws Exception {
        List<FrontDoor> doors = FrontDoors.create(live(dir), org.aiguilleur.records.CallEvents.NONE, Map.of(), Map.of(TwilioWebhooks.TOKEN_ENV, TOKEN,
                TwilioWebhooks.URL_ENV, PUBLIC, FrontDoors.ACCOUNT_ENV, "AC0123456789abcdef0123456789abcdef"));
        HttpFrontDoor door = http(doors);
        door.start();
        try {
            URI local = URI.create("http://127.0.0.1:" + door.port());
            TwilioCaller c = new TwilioCaller(new TwilioWebhookClient(PUBLIC, local, TOKEN), "CAW1", "+15145550100");
            assertEquals("Gather", c.dial().verbNames().get(0));
            HttpResponse<String> api = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(local.resolve("/api/agents/me")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, api.statusCode());
            HttpResponse<String> agentHook = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    local.resolve("/twilio/agent/connect")).POST(HttpRequest.BodyPublishers.noBody())
                    .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, agentHook.statusCode());
        } finally {
            door.close();
        }
    }

    @Test
    void withoutAnAccount_theWebhooksRunAndAgentsWaitInTwiliosQueues(@TempDir Path dir) throws Exception {
        List<FrontDoor> doors = FrontDoors.create(live(dir), org.aiguilleur.records.CallEvents.NONE, Map.of(), Map.of(TwilioWebhooks.TOKEN_ENV, TOKEN,
                TwilioWebhooks.URL_ENV, PUBLIC));
        HttpFrontDoor door = http(doors);
        door.start();
        try {
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + door.port() + "/api/agents/me")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, api.statusCode());
        } finally {
            door.close();
        }
    }

    /** An unsigned POST to the interpreter bridge's conference callback: 403 when it is mounted, 404 when not. */
    private static int conferenceCallback(LiveConfig live) throws Exception {
        HttpFrontDoor door = http(FrontDoors.create(live, org.aiguilleur.records.CallEvents.NONE, Map.of(),
                Map.of(TwilioWebhooks.TOKEN_ENV, TOKEN, TwilioWebhooks.URL_ENV, PUBLIC,
                        FrontDoors.ACCOUNT_ENV, "AC0123456789abcdef0123456789abcdef")));
        door.start();
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + door.port() + "/twilio/interpreter/conference?c=aig-CAW2"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .header("Content-Type", "application/x-www-form-urlencoded").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } finally {
            door.close();
        }
    }

    @Test
    void withAccountEnabledProviderAndInterpreterAgents_theInterpreterBridgeIsOn(@TempDir Path dir) throws Exception {
        ConfigFixture f = ConfigFixture.copyOfShipped(dir)
                .replace("config/aiguilleur.yaml", "    bind: 0.0.0.0\n    port: 8080", "    bind: 127.0.0.1\n    port: 0")
                .replace("config/aiguilleur.yaml", "  # interpreter-agents:\n  #   grand-montreal-fr: \"+15145550111\"",
                        "  interpreter-agents:\n    grand-montreal-fr: \"+15145550111\"")
                .replace("config/interpreters.yaml", "    enabled: false\n    number: \"+15145550199\"",
                        "    enabled: true\n    number: \"+15145550199\"")
                .environment(Map.of("INTERPRETE_PLUS_ACCOUNT", "4455", "INTERPRETE_PLUS_PIN", "9876"));
        LiveConfig live = new LiveConfig(f.load(), Clock.fixed(Fixtures.local("2026-11-24T10:00"), Fixtures.QUEBEC),
                LiveStaffing.UNKNOWN);
        assertEquals(403, conferenceCallback(live));
    }

    @Test
    void shippedConfiguration_leavesTheInterpreterBridgeOff(@TempDir Path dir) throws Exception {
        assertEquals(404, conferenceCallback(live(dir)));
    }

    @Test
    void withoutTwilioCredentials_noHttpDoorStarts(@TempDir Path dir) throws Exception {
        assertTrue(FrontDoors.create(live(dir), org.aiguilleur.records.CallEvents.NONE, Map.of(), Map.of()).stream().noneMatch(d -> d instanceof HttpFrontDoor));
    }

    @Test
    void agentsYamlAddedAfterStart_isTakenByTheNextReload_itsAgentsSignIn(@TempDir Path dir) throws Exception {
        String token = "marie-token-4c2a8e6f0b1d3f5a7c9e1b3d5f7a9c1e3b5d";
        ConfigFixture f = ConfigFixture.copyOfShipped(dir)
                .replace("config/aiguilleur.yaml", "    bind: 0.0.0.0\n    port: 8080", "    bind: 127.0.0.1\n    port: 0")
                .replace("config/aiguilleur.yaml", "  agents: agents.yaml\n", "");
        LiveConfig live = new LiveConfig(f.load(), Clock.fixed(Fixtures.local("2026-11-24T10:00"), Fixtures.QUEBEC),
                LiveStaffing.UNKNOWN);
        HttpFrontDoor door = http(FrontDoors.create(live, org.aiguilleur.records.CallEvents.NONE, Map.of(),
                Map.of(TwilioWebhooks.TOKEN_ENV, TOKEN, TwilioWebhooks.URL_ENV, PUBLIC,
                        FrontDoors.ACCOUNT_ENV, "AC0123456789abcdef0123456789abcdef")));
        door.start();
        try {
            HttpRequest me = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.port() + "/api/agents/me"))
                    .header("Authorization", "Bearer " + token).build();
            assertEquals(401, HttpClient.newHttpClient().send(me, HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "no agents.yaml: nobody signs in, but the agents' API is there");
            f.replace("config/aiguilleur.yaml", "  interpreters: interpreters.yaml\n",
                            "  interpreters: interpreters.yaml\n  agents: agents.yaml\n")
                    .replace("config/agents.yaml", "tokens-file: /etc/aiguilleur/agent-tokens", "tokens-file: agent-tokens")
                    .write("config/agent-tokens", "marie-gagnon " + org.aiguilleur.agents.roster.AgentTokens.hashOf(token) + "\n");
            assertEquals(List.of(), live.tryReload());
            HttpResponse<String> after = HttpClient.newHttpClient().send(me, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode(), after.body());
            assertTrue(after.body().contains("\"id\":\"marie-gagnon\""), after.body());
        } finally {
            door.close();
        }
    }
}
